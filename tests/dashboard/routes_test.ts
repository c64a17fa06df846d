/**
 * The dashboard's routes through `app.request()` on a test application:
 * sessions, forms, exports and error pages, without a browser.
 */
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import {
  ADMIN_PASSWORD,
  createTestApp,
  type TestApp,
  type TestResponse,
} from "../helpers/app.ts";
import { legacyUpload, reportUpload } from "../helpers/reports.ts";

const ORIGIN = "http://cefleet.test";

/** Each test gets its own app; PGlite is shared by the file on purpose. */
function dashboardTest(
  name: string,
  fn: (app: TestApp) => Promise<void>,
  env: Record<string, string> = {},
): void {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      await using app = await createTestApp("pglite", env);
      await fn(app);
    },
  });
}

function cookie(token: string): Record<string, string> {
  return { cookie: `cefleet_session=${token}` };
}

/** The value of cookie `name` set by an answer, if any. */
function setCookieValue(headers: Headers, name: string): string | undefined {
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [key, value] = pair.split("=");
    if (key === name) return decodeURIComponent(value);
  }
  return undefined;
}

/** Follow a form's 303 to the page that shows its one-time value. */
async function followFlash(app: TestApp, answer: TestResponse, token: string) {
  assertEquals(answer.status, 303);
  assertEquals(answer.headers.get("location"), "/settings");
  const ticket = setCookieValue(answer.headers, "cefleet_flash");
  assert(ticket, "the answer set no flash cookie");
  const headers = {
    cookie: `cefleet_session=${token}; cefleet_flash=${ticket}`,
  };
  return { ticket, page: await app.request("GET", "/settings", { headers }) };
}

function form(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return {
    body: new URLSearchParams(fields).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
      ...headers,
    },
  };
}

dashboardTest(
  "a page without a session leads to login and back",
  async (app) => {
    const answer = await app.request("GET", "/agents?os=Linux");
    assertEquals(answer.status, 303);
    assertEquals(
      answer.headers.get("location"),
      "/login?next=%2Fagents%3Fos%3DLinux",
    );
  },
);

dashboardTest(
  "a script's data request without a session gets a 401",
  async (app) => {
    const answer = await app.request("GET", "/agents/rows.json", {
      headers: { accept: "application/json" },
    });
    assertEquals(answer.status, 401);
    assertEquals(answer.body.error.code, "token_missing");
  },
);

dashboardTest(
  "an expired session is named as such on the login page",
  async (app) => {
    const token = await app.adminToken();
    app.clock.advance(31 * 60_000);

    const answer = await app.request("GET", "/reports", {
      headers: cookie(token),
    });
    assertEquals(answer.status, 303);
    assertEquals(
      answer.headers.get("location"),
      "/login?reason=expired&next=%2Freports",
    );

    const login = await app.request("GET", "/login?reason=expired");
    assertMatch(login.body, /Your session has expired/);
  },
);

dashboardTest(
  "login form signs in, sets the session cookie and returns",
  async (app) => {
    const answer = await app.request(
      "POST",
      "/login",
      form({ username: "admin", password: ADMIN_PASSWORD, next: "/reports" }),
    );
    assertEquals(answer.status, 303);
    assertEquals(answer.headers.get("location"), "/reports");
    const session = answer.headers.getSetCookie()
      .find((line) => line.startsWith("cefleet_session="));
    assertMatch(session ?? "", /HttpOnly/);
    assertMatch(session ?? "", /SameSite=Strict/);
  },
);

dashboardTest(
  "login form refuses a wrong password and another site",
  async (app) => {
    const wrong = await app.request(
      "POST",
      "/login",
      form({ username: "admin", password: "not-the-password" }),
    );
    assertEquals(wrong.status, 401);
    assertMatch(wrong.body, /The username or password is not right/);

    const forged = await app.request(
      "POST",
      "/login",
      form({ username: "admin", password: ADMIN_PASSWORD }, {
        origin: "https://evil.example",
      }),
    );
    assertEquals(forged.status, 403);
  },
);

dashboardTest(
  "login form never sends an admin to another site",
  async (app) => {
    const answer = await app.request(
      "POST",
      "/login",
      form({
        username: "admin",
        password: ADMIN_PASSWORD,
        next: "//evil.example/",
      }),
    );
    assertEquals(answer.headers.get("location"), "/");
  },
);

dashboardTest(
  "settings add a user and show a reset password once",
  async (app) => {
    const token = await app.adminToken();
    const added = await app.request(
      "POST",
      "/settings/users",
      form(
        { username: "auditor", password: "auditor-password-1" },
        cookie(token),
      ),
    );
    assertEquals(added.status, 303);

    const user = (await app.ctx.services.users.list())
      .find((candidate) => candidate.username === "auditor");
    assert(user, "the user was not created");
    assertEquals(user.must_change_password, true);

    const reset = await app.request(
      "POST",
      `/settings/users/${user.id}/reset`,
      form({}, cookie(token)),
    );
    const { page } = await followFlash(app, reset, token);
    assertEquals(page.status, 200);
    assertMatch(page.body, /Temporary password for auditor/);
  },
);

dashboardTest("settings refuse a user with a short password", async (app) => {
  const token = await app.adminToken();
  const answer = await app.request(
    "POST",
    "/settings/users",
    form({ username: "short", password: "tiny" }, cookie(token)),
  );
  assertEquals(answer.status, 422);
  assertMatch(answer.body, /Check these fields: password/);
});

dashboardTest(
  "agent export holds every agent matching the filter",
  async (app) => {
    const token = await app.adminToken();
    await app.registerAgent({ hostname: "db-01", os: "Linux" });
    await app.registerAgent({ hostname: "db-02", os: "Linux" });
    await app.registerAgent({ hostname: "pc-01", os: "Windows" });

    const json = await app.request("GET", "/agents/export.json?os=Linux", {
      headers: cookie(token),
    });
    assertEquals(json.status, 200);
    assertEquals(
      json.body.agents.map((agent: { hostname: string }) => agent.hostname),
      ["db-01", "db-02"],
    );
    assertMatch(
      json.headers.get("content-disposition") ?? "",
      /attachment; filename="agents-\d{4}-\d{2}-\d{2}\.json"/,
    );

    const csv = await app.request("GET", "/agents/export.csv?q=pc", {
      headers: cookie(token),
    });
    const lines = csv.body.trimEnd().split("\r\n");
    assertEquals(lines.length, 2);
    assertMatch(lines[1], /,pc-01,online,Windows,/);
  },
);

dashboardTest("an unknown agent gets a not-found page", async (app) => {
  const token = await app.adminToken();
  const answer = await app.request("GET", `/agents/${crypto.randomUUID()}`, {
    headers: cookie(token),
  });
  assertEquals(answer.status, 404);
  assertMatch(answer.body, /<h1>Not found<\/h1>/);
});

dashboardTest(
  "an unknown report's download quotes the id without .json, and the export keeps its address",
  async (app) => {
    const token = await app.adminToken();
    const id = crypto.randomUUID();

    for (const wanted of [id, "not-a-report"]) {
      const answer = await app.request("GET", `/reports/${wanted}.json`, {
        headers: cookie(token),
      });

      assertEquals(answer.status, 404);
      const text = typeof answer.body === "string"
        ? answer.body
        : answer.body.error.message;
      assertEquals(text.includes(`${wanted}.json`), false, text);
      assertMatch(text, new RegExp(`Report (&quot;|")${wanted}(&quot;|")`));
    }

    const exported = await app.request("GET", "/reports/export.json", {
      headers: cookie(token),
    });
    assertEquals(exported.status, 200);
  },
);

dashboardTest("a pending agent is approved from its page", async (app) => {
  const token = await app.adminToken();
  const agent = await app.registerAgent({ enroll_secret: null });
  assertEquals(
    (await app.ctx.services.agents.get(agent.id))?.approval,
    "pending",
  );

  const answer = await app.request(
    "POST",
    `/agents/${agent.id}/approve`,
    form({}, cookie(token)),
  );
  assertEquals(answer.status, 303);
  assertEquals(
    (await app.ctx.services.agents.get(agent.id))?.approval,
    "approved",
  );
}, { CEFLEET_REGISTRATION: "approval" });

dashboardTest(
  "deleting an agent needs the confirmation box and is confirmed",
  async (app) => {
    const token = await app.adminToken();
    const agent = await app.registerAgent({ hostname: "retired-laptop" });

    const unconfirmed = await app.request(
      "POST",
      `/agents/${agent.id}/delete`,
      form({}, cookie(token)),
    );
    assertEquals(unconfirmed.status, 422);
    assert(await app.ctx.services.agents.get(agent.id), "deleted unconfirmed");

    const confirmed = await app.request(
      "POST",
      `/agents/${agent.id}/delete`,
      form({ confirm: "yes" }, cookie(token)),
    );
    assertEquals(confirmed.status, 303);
    assertEquals(await app.ctx.services.agents.get(agent.id), null);

    const list = await app.request(
      "GET",
      confirmed.headers.get("location")!,
      { headers: cookie(token) },
    );
    assertMatch(
      list.body,
      /Agent (&quot;|")retired-laptop(&quot;|") was deleted/,
    );
  },
);

dashboardTest(
  "a forced password change still ends on the page asked for",
  async (app) => {
    await app.ctx.services.users.create(
      { username: "newcomer", password: "temporary-pass-1" },
      { id: null, name: "test" },
    );
    const login = await app.request(
      "POST",
      "/login",
      form({
        username: "newcomer",
        password: "temporary-pass-1",
        next: "/reports",
      }),
    );
    assertEquals(
      login.headers.get("location"),
      "/account/password?next=%2Freports",
    );
    const session = login.headers.getSetCookie()[0].split(";")[0];

    const page = await app.request("GET", "/account/password?next=%2Freports", {
      headers: { cookie: session },
    });
    assertMatch(
      page.body,
      /<input type="hidden" name="next" value="\/reports"/,
    );

    const changed = await app.request(
      "POST",
      "/account/password",
      form({
        current_password: "temporary-pass-1",
        new_password: "my-own-passphrase-9",
        confirm_password: "my-own-passphrase-9",
        next: "/reports",
      }, { cookie: session }),
    );
    assertEquals(changed.status, 303);
    assertEquals(changed.headers.get("location"), "/reports");
  },
);

dashboardTest(
  "a page view renews a session older than five minutes",
  async (app) => {
    const token = await app.adminToken();
    const fresh = await app.request("GET", "/", { headers: cookie(token) });
    assertEquals(fresh.headers.getSetCookie(), []);

    app.clock.advance(6 * 60_000);
    const later = await app.request("GET", "/", { headers: cookie(token) });
    const renewed = later.headers.getSetCookie();
    assertEquals(renewed.length, 1);
    assertMatch(renewed[0], /^cefleet_session=[^;]+; Max-Age=1800/);
    assert(!renewed[0].startsWith(`cefleet_session=${token};`), "same token");
  },
);

dashboardTest(
  "report pages show new and legacy reports, and export them",
  async (app) => {
    const token = await app.adminToken();
    const agent = await app.registerAgent({ hostname: "lab-01" });
    const upload = async (body: unknown) => {
      const answer = await app.request(
        "POST",
        `/api/agents/${agent.id}/report`,
        {
          token: agent.token,
          body,
        },
      );
      assertEquals(answer.status, 200);
      return answer.body.report_id as string;
    };
    const current = await upload(reportUpload({ status: "warn", score: 0.9 }));
    const legacy = await upload(legacyUpload());

    const page = await app.request("GET", `/reports/${current}`, {
      headers: cookie(token),
    });
    assertEquals(page.status, 200);
    assertMatch(page.body, /data-check-id="fw.inbound_default"/);
    assertMatch(page.body, /how to fix it/);

    const old = await app.request("GET", `/reports/${legacy}`, {
      headers: cookie(token),
    });
    assertMatch(old.body, /User access control/);
    assertMatch(old.body, /a recommendation/);

    const json = await app.request("GET", `/reports/${current}.json`, {
      headers: cookie(token),
    });
    assertEquals(json.body.overall, { status: "warn", score: 0.9 });

    const csv = await app.request("GET", "/reports/export.csv?status=warn", {
      headers: cookie(token),
    });
    const lines = csv.body.trimEnd().split("\r\n");
    assertEquals(
      lines[0],
      "id,agent_id,hostname,timestamp,mode,overall_status,overall_score",
    );
    // Both reports warn; the export holds them and nothing else.
    assertEquals(lines.length, 3);
    const row = lines.find((line: string) => line.startsWith(current));
    assertMatch(row ?? "", new RegExp(`^${current},${agent.id},lab-01,`));
  },
);

dashboardTest(
  "a new secret's register command names the public URL when one is set",
  async (app) => {
    const token = await app.adminToken();

    const answer = await app.request(
      "POST",
      "/settings/secrets",
      form({ name: "Leeds office" }, cookie(token)),
    );
    const { page } = await followFlash(app, answer, token);

    assertEquals(page.status, 200);
    assertMatch(
      page.body,
      /cefleet-agent register --controller https:\/\/ce\.example\.org --enroll-secret-file \/etc\/cefleet\/enroll-secret</,
    );
  },
  { CEFLEET_PUBLIC_URL: "https://ce.example.org/" },
);

dashboardTest(
  "a new secret's register command reads the secret from a file, never from the command line",
  async (app) => {
    const token = await app.adminToken();

    const answer = await app.request(
      "POST",
      "/settings/secrets",
      form({ name: "York office" }, cookie(token)),
    );
    const { page } = await followFlash(app, answer, token);

    const commands = [...page.body.matchAll(/cefleet-agent register[^<]*/g)]
      .map((match) => match[0]);
    assert(commands.length > 0, "the page showed no register command");
    for (const command of commands) {
      assertEquals(/--enroll-secret(?!-file)/.test(command), false, command);
    }
    assertMatch(page.body, /CEFLEET_ENROLL_SECRET/);
  },
);

dashboardTest(
  "a new secret is shown once after a redirect, so a reload neither repeats the post nor shows it again",
  async (app) => {
    const token = await app.adminToken();
    const before = (await app.ctx.services.enrollment.list()).length;

    const answer = await app.request(
      "POST",
      "/settings/secrets",
      form({ name: "Bristol office" }, cookie(token)),
    );
    const { ticket, page } = await followFlash(app, answer, token);
    const shown = /aria-label="Enrollment secret"[^>]*>([A-Za-z0-9_-]+)</
      .exec(page.body);
    assert(shown, "the page showed no enrollment secret");
    const secret = shown[1];
    const reload = await app.request("GET", "/settings", {
      headers: { cookie: `cefleet_session=${token}; cefleet_flash=${ticket}` },
    });

    assertEquals(answer.body.includes(secret), false);
    assertEquals(answer.headers.get("location")!.includes(secret), false);
    assertEquals(ticket.includes(secret), false);
    assertMatch(
      page.headers.getSetCookie().join("\n"),
      /cefleet_flash=;.*Max-Age=0/,
    );
    assertEquals(reload.status, 200);
    assertEquals(reload.body.includes(secret), false);
    assertMatch(reload.body, /shown once already or has expired/);
    const after = await app.ctx.services.enrollment.list();
    assertEquals(after.length, before + 1);
  },
);
