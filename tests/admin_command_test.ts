/**
 * `deno task admin reset-password` as an operator runs it, against a real
 * data folder or PostgreSQL schema, followed by signing in through the API
 * with the password it printed.
 */
import { assert, assertEquals, assertMatch } from "./helpers/assert.ts";
import { startController, taskArgs } from "./helpers/controller_process.ts";
import { testDatabaseUrl } from "./helpers/db.ts";

const ROOT = new URL("../", import.meta.url);
const PASSWORD_LINE = /One-time password: (\S+)/;

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The one-time password printed, if any. */
  password?: string;
}

/** Run `deno task admin ARGS` with exactly the settings in `env`. */
async function runAdmin(
  args: string[],
  env: Record<string, string>,
): Promise<CommandResult> {
  const inherited: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value) inherited[name] = value;
  }
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...await taskArgs("admin"), ...args],
    cwd: ROOT,
    env: { ...inherited, NO_COLOR: "1", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  return {
    code: output.code,
    stdout,
    stderr: new TextDecoder().decode(output.stderr),
    password: PASSWORD_LINE.exec(stdout)?.[1],
  };
}

async function call(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function login(url: string, username: string, password: string) {
  return call(`${url}/api/auth/login`, "POST", { username, password });
}

/** The newest audit entry with `action`. */
async function auditEntry(url: string, token: string, action: string) {
  const log = await call(`${url}/api/audit?limit=100`, "GET", undefined, token);
  return log.body.entries.find((entry: { action: string }) =>
    entry.action === action
  );
}

Deno.test("--help lists reset-password and says to stop a controller on the embedded database", async () => {
  const result = await runAdmin(["--help"], {});

  assertEquals(result.code, 0);
  assertMatch(result.stdout, /reset-password \[USERNAME\]/);
  assertMatch(result.stdout, /stop the controller first/);
});

Deno.test("an unknown command is refused with a pointer to --help", async () => {
  const result = await runAdmin(["reset-pasword"], {});

  assertEquals(result.code, 2);
  assertMatch(result.stderr, /Unknown command "reset-pasword"/);
});

Deno.test("reset-password on a data folder lets a locked-out admin back in and ends old sessions", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "cefleet-test-" });
  const env = { CEFLEET_DATA_DIR: dataDir, CEFLEET_LOCKOUT_THRESHOLD: "2" };
  const known = "the-password-that-was-lost";
  let controller = await startController({
    dataDir,
    adminPassword: known,
    env,
  });
  try {
    const session = await login(controller.url, "admin", known);
    assertEquals(session.status, 200);
    await login(controller.url, "admin", "wrong-guess-1");
    await login(controller.url, "admin", "wrong-guess-2");
    assertEquals((await login(controller.url, "admin", known)).status, 429);

    const refused = await runAdmin(["reset-password"], env);
    assertEquals(refused.code, 1);
    assertMatch(refused.stderr, /is open in another process/);
    assertEquals(refused.password, undefined);

    await controller.stop();
    const reset = await runAdmin(["reset-password"], env);
    assertEquals(reset.code, 0, reset.stderr);
    assert(reset.password, `no password printed:\n${reset.stdout}`);
    assertEquals(reset.stderr.includes(reset.password), false);

    controller = await startController({ dataDir, env });
    const url = controller.url;
    const old = await call(
      `${url}/api/auth/me`,
      "GET",
      undefined,
      session.body.access_token,
    );
    assertEquals(old.status, 401);
    const signedIn = await login(url, "admin", reset.password);
    assertEquals(signedIn.status, 200);
    assertEquals(signedIn.body.password_change_required, true);

    const changed = await call(`${url}/api/auth/password`, "POST", {
      current_password: reset.password,
      new_password: "the-password-chosen-after",
    }, signedIn.body.access_token);
    assertEquals(changed.status, 200);
    const token = (await login(url, "admin", "the-password-chosen-after"))
      .body.access_token;
    const entry = await auditEntry(url, token, "user.recover");
    assertEquals(entry?.actor, "command line");
    assertEquals(entry?.details.was_locked, true);
  } finally {
    await controller.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test({
  name:
    "reset-password on PostgreSQL re-enables a disabled admin and creates a missing one while the controller runs",
  ignore: !testDatabaseUrl(),
  fn: async () => {
    const schema = `admin_${crypto.randomUUID().slice(0, 8)}`;
    const env = {
      DATABASE_URL: testDatabaseUrl()!,
      CEFLEET_DB_SCHEMA: schema,
    };
    const controller = await startController({
      adminPassword: "postgres-admin-password",
      env,
    });
    try {
      const url = controller.url;
      const admin = (await login(url, "admin", "postgres-admin-password"))
        .body.access_token;
      const ops = await call(`${url}/api/users`, "POST", {
        username: "ops",
        password: "ops-first-password",
      }, admin);
      await call(`${url}/api/users/${ops.body.id}/disable`, "POST", {}, admin);
      assertEquals((await login(url, "ops", "ops-first-password")).status, 401);

      const reset = await runAdmin(["reset-password", "ops"], env);
      assertEquals(reset.code, 0, reset.stderr);
      assert(reset.password);
      const back = await login(url, "ops", reset.password);
      assertEquals(back.status, 200);
      assertEquals(back.body.password_change_required, true);

      const created = await runAdmin(["reset-password", "rescue"], env);
      assertEquals(created.code, 0, created.stderr);
      assertMatch(created.stdout, /"rescue" did not exist and was created/);
      const rescue = await login(url, "rescue", created.password!);
      assertEquals(rescue.status, 200);
      assertEquals(rescue.body.password_change_required, true);
      const entry = await auditEntry(url, admin, "user.create");
      assertEquals(entry?.actor, "command line");
    } finally {
      await controller.stop();
      const { openPostgres } = await import("../controller/db/postgres.ts");
      const db = await openPostgres(testDatabaseUrl()!);
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  },
});
