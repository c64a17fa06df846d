/**
 * The controller as operators run it: the `start` task's flags, a fresh
 * data folder or PostgreSQL, restarts, bad settings and shutdown.
 */
import { assert, assertEquals, assertMatch } from "./helpers/assert.ts";
import {
  type ControllerProcess,
  startController,
  startTaskArgs,
} from "./helpers/controller_process.ts";
import { testDatabaseUrl } from "./helpers/db.ts";
import { makeCertificates } from "./helpers/tls.ts";

const ENROLL_SECRET = "start-test-enroll-secret-000001";

async function post(url: string, body: unknown, token?: string) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(url: string, token?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json() };
}

/** First start prints the one-time password; a restart keeps every row. */
async function proveFirstStartAndRestart(controller: ControllerProcess) {
  const firstOutput = controller.output();
  assertMatch(
    firstOutput,
    /cefleet controller listening on http:\/\/127\.0\.0\.1:\d+/,
  );
  assertMatch(firstOutput, /One-time password: \S{20,}/);
  assert(controller.adminPassword);
  assertEquals((await get(`${controller.url}/health`)).status, 200);

  const login = await post(`${controller.url}/api/auth/login`, {
    username: "admin",
    password: controller.adminPassword,
  });
  assertEquals(login.body.password_change_required, true);
  const newPassword = "operator-chosen-password";
  const changed = await post(`${controller.url}/api/auth/password`, {
    current_password: controller.adminPassword,
    new_password: newPassword,
  }, login.body.access_token);
  assertEquals(changed.status, 200);
  const agent = await post(`${controller.url}/api/agents/register`, {
    hostname: "kept-across-restarts",
    os: "Linux",
    enroll_secret: ENROLL_SECRET,
  });

  await controller.restart();

  const after = controller.output().slice(firstOutput.length);
  assertEquals(after.includes("One-time password"), false);
  assertEquals((await get(`${controller.url}/health`)).status, 200);
  const relogin = await post(`${controller.url}/api/auth/login`, {
    username: "admin",
    password: newPassword,
  });
  assertEquals(relogin.status, 200);
  const shown = await get(
    `${controller.url}/api/agents/${agent.body.agent_id}`,
    relogin.body.access_token,
  );
  assertEquals(shown.body.hostname, "kept-across-restarts");
  const beat = await post(
    `${controller.url}/api/agents/${agent.body.agent_id}/heartbeat`,
    {},
    agent.body.agent_token,
  );
  assertEquals(beat.status, 200);
}

Deno.test("start on a fresh data folder prints the URL and a one-time password, and a restart keeps data", async () => {
  const controller = await startController({ enrollSecret: ENROLL_SECRET });
  try {
    await proveFirstStartAndRestart(controller);
    const key = await Deno.stat(`${controller.dataDir}/signing_key`);
    assertEquals(key.mode! & 0o777, 0o600);
  } finally {
    await controller.stop();
  }
});

Deno.test({
  name:
    "start on PostgreSQL prints the URL and a one-time password, and a restart keeps data",
  ignore: !testDatabaseUrl(),
  fn: async () => {
    const schema = `start_${crypto.randomUUID().slice(0, 8)}`;
    const controller = await startController({
      databaseUrl: testDatabaseUrl(),
      enrollSecret: ENROLL_SECRET,
      env: { CEFLEET_DB_SCHEMA: schema },
    });
    try {
      await proveFirstStartAndRestart(controller);
      assertMatch(controller.output(), /"database":"postgres"/);
    } finally {
      await controller.stop();
      const { openPostgres } = await import("../controller/db/postgres.ts");
      const db = await openPostgres(testDatabaseUrl()!);
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    }
  },
});

Deno.test("shutdown writes check-ins that were still buffered", async () => {
  const controller = await startController({
    adminPassword: "shutdown-test-password",
    enrollSecret: ENROLL_SECRET,
    env: { CEFLEET_LAST_SEEN_FLUSH_MS: "600000" },
  });
  try {
    const agent = await post(`${controller.url}/api/agents/register`, {
      hostname: "buffered",
      os: "Linux",
      enroll_secret: ENROLL_SECRET,
    });
    const { agent_id: id, agent_token: token } = agent.body;
    const beat = await post(
      `${controller.url}/api/agents/${id}/heartbeat`,
      {},
      token,
    );

    await controller.restart();

    const login = await post(`${controller.url}/api/auth/login`, {
      username: "admin",
      password: "shutdown-test-password",
    });
    const shown = await get(
      `${controller.url}/api/agents/${id}`,
      login.body.access_token,
    );
    assertEquals(shown.body.last_seen, beat.body.server_time);
  } finally {
    await controller.stop();
  }
});

Deno.test("a bad setting stops start-up with a message naming it and its value", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: await startTaskArgs(),
    cwd: new URL("../", import.meta.url),
    env: { PORT: "eighty", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();

  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 2);
  assertMatch(stderr, /PORT has bad value "eighty"/);
});

Deno.test("a start that finds its port taken says so and keeps the one-time password for the next start", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "cefleet-test-" });
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const failed = await new Deno.Command(Deno.execPath(), {
      args: await startTaskArgs(),
      cwd: new URL("../", import.meta.url),
      env: {
        PORT: String(taken.addr.port),
        HOST: "127.0.0.1",
        CEFLEET_DATA_DIR: dataDir,
        NO_COLOR: "1",
      },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(failed.stderr);
    assertEquals(failed.code, 1);
    assertMatch(
      stderr,
      new RegExp(`Port ${taken.addr.port} is already in use`),
    );

    const controller = await startController({ dataDir });
    try {
      assertMatch(controller.output(), /One-time password: \S{20,}/);
      const login = await post(`${controller.url}/api/auth/login`, {
        username: "admin",
        password: controller.adminPassword,
      });
      assertEquals(login.status, 200);
    } finally {
      await controller.stop();
    }
  } finally {
    taken.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("with a certificate and key the controller serves HTTPS", async () => {
  const certs = await Deno.makeTempDir({ prefix: "cefleet-tls-" });
  await makeCertificates(certs);
  const ca = await Deno.readTextFile(`${certs}/ca.pem`);
  const controller = await startController({
    adminPassword: "https-test-password",
    env: {
      CEFLEET_TLS_CERT: `${certs}/server.pem`,
      CEFLEET_TLS_KEY: `${certs}/server.key`,
    },
  });
  const client = Deno.createHttpClient({ caCerts: [ca] });
  try {
    assertMatch(controller.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${controller.url}/health`, { client });
    assertEquals(response.status, 200);
    assertEquals((await response.json()).status, "ok");
  } finally {
    client.close();
    await controller.stop();
    await Deno.remove(certs, { recursive: true });
  }
});

Deno.test("a second controller on a data folder in use refuses to start and says why", async () => {
  const first = await startController({
    adminPassword: "first-controller-password",
  });
  try {
    const second = await new Deno.Command(Deno.execPath(), {
      args: await startTaskArgs(),
      cwd: new URL("../", import.meta.url),
      env: {
        PORT: "0",
        HOST: "127.0.0.1",
        CEFLEET_DATA_DIR: first.dataDir,
        NO_COLOR: "1",
      },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();

    assertEquals(second.code, 1);
    assertMatch(
      new TextDecoder().decode(second.stderr),
      /The embedded database in ".*pgdata" is open in another process/,
    );
    assertEquals((await get(`${first.url}/health`)).status, 200);
  } finally {
    await first.stop();
  }
});
