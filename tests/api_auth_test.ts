/** Admin sign-in, sessions, the forced password change and lockout. */
import { assert, assertEquals } from "./helpers/assert.ts";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { claimsFor, forgedToken, unsignedToken } from "./helpers/tokens.ts";

const MINUTE = 60_000;

function login(t: TestApp, password: string, from = "192.0.2.50") {
  return t.request("POST", "/api/auth/login", {
    body: { username: "admin", password },
    from,
  });
}

dbTest("login answers a 30-minute bearer token", async (kind) => {
  await using t = await createTestApp(kind);

  const answer = await login(t, ADMIN_PASSWORD);

  assertEquals(answer.status, 200);
  assertEquals(answer.body.token_type, "bearer");
  assertEquals(answer.body.expires_in, 1800);
  assertEquals(answer.body.password_change_required, false);
  const me = await t.request("GET", "/api/auth/me", {
    token: answer.body.access_token,
  });
  assertEquals(me.body.username, "admin");
});

dbTest(
  "login with a wrong password or unknown user answers 401",
  async (kind) => {
    await using t = await createTestApp(kind);

    const wrong = await login(t, "not-the-password");
    const unknown = await t.request("POST", "/api/auth/login", {
      body: { username: "mallory", password: ADMIN_PASSWORD },
    });

    assertEquals(wrong.status, 401);
    assertEquals(wrong.body.error.code, "invalid_credentials");
    assertEquals(unknown.status, 401);
    assertEquals(unknown.body.error.code, "invalid_credentials");
  },
);

dbTest(
  "admin endpoints refuse missing, expired, forged and unsigned sessions",
  async (kind) => {
    await using t = await createTestApp(kind);
    const token = await t.adminToken();
    const user = await t.ctx.services.users.byUsername("admin");
    const claims = claimsFor(user!.id, "cefleet:admin", t.clock.now());

    const missing = await t.request("GET", "/api/agents");
    const forged = await t.request("GET", "/api/agents", {
      token: await forgedToken(claims),
    });
    const unsigned = await t.request("GET", "/api/agents", {
      token: unsignedToken(claims),
    });
    t.clock.advance(31 * MINUTE);
    const expired = await t.request("GET", "/api/agents", { token });

    assertEquals(missing.status, 401);
    assertEquals(missing.body.error.code, "token_missing");
    assertEquals(forged.body.error.code, "token_invalid");
    assertEquals(unsigned.body.error.code, "token_invalid");
    assertEquals(expired.status, 401);
    assertEquals(expired.body.error.code, "token_expired");
  },
);

dbTest("an agent token does not open admin endpoints", async (kind) => {
  await using t = await createTestApp(kind);
  const agent = await t.registerAgent();

  const answer = await t.request("GET", "/api/agents", { token: agent.token });

  assertEquals(answer.status, 401);
  assertEquals(answer.body.error.code, "token_invalid");
});

dbTest(
  "a generated one-time password must be changed before anything else",
  async (kind) => {
    await using t = await createTestApp(kind);
    const created = await t.request("POST", "/api/users", {
      token: await t.adminToken(),
      body: { username: "ops", password: "handed-over-password" },
    });
    assertEquals(created.body.must_change_password, true);

    const first = await t.request("POST", "/api/auth/login", {
      body: { username: "ops", password: "handed-over-password" },
    });
    assertEquals(first.body.password_change_required, true);
    const oneTime = first.body.access_token;
    const blocked = await t.request("GET", "/api/agents", { token: oneTime });
    assertEquals(blocked.status, 403);
    assertEquals(blocked.body.error.code, "password_change_required");

    t.clock.advance(1000);
    const changed = await t.request("POST", "/api/auth/password", {
      token: oneTime,
      body: {
        current_password: "handed-over-password",
        new_password: "a-new-long-password",
      },
    });
    assertEquals(changed.status, 200);
    assertEquals(changed.body.password_change_required, false);

    const stale = await t.request("GET", "/api/agents", { token: oneTime });
    const fresh = await t.request("GET", "/api/agents", {
      token: changed.body.access_token,
    });
    assertEquals(stale.status, 401);
    assertEquals(stale.body.error.code, "token_revoked");
    assertEquals(fresh.status, 200);
  },
);

dbTest("the first admin's generated password is one-time", async (kind) => {
  await using t = await createTestApp(kind);
  await t.ctx.db.query("DELETE FROM audit_log");
  await t.ctx.db.query("DELETE FROM users");

  const first = await t.ctx.services.users.ensureFirstAdmin();
  const again = await t.ctx.services.users.ensureFirstAdmin();
  const answer = await login(t, first.generatedPassword!);

  assert(first.generatedPassword!.length >= 20);
  assertEquals(again.created, false);
  assertEquals(answer.body.password_change_required, true);
});

dbTest(
  "a password change needs the current password and a new one",
  async (kind) => {
    await using t = await createTestApp(kind);
    const token = await t.adminToken();

    const wrongCurrent = await t.request("POST", "/api/auth/password", {
      token,
      body: {
        current_password: "wrong",
        new_password: "another-long-password",
      },
    });
    const same = await t.request("POST", "/api/auth/password", {
      token,
      body: { current_password: ADMIN_PASSWORD, new_password: ADMIN_PASSWORD },
    });
    const short = await t.request("POST", "/api/auth/password", {
      token,
      body: { current_password: ADMIN_PASSWORD, new_password: "short" },
    });

    assertEquals(wrongCurrent.status, 401);
    assertEquals(same.status, 422);
    assertEquals(short.status, 422);
    assertEquals(short.body.error.details.fields[0].path, "new_password");
  },
);

dbTest("repeated bad logins lock the username for a while", async (kind) => {
  await using t = await createTestApp(kind, {
    CEFLEET_LOCKOUT_THRESHOLD: "3",
    CEFLEET_LOCKOUT_MINUTES: "10",
  });

  for (let i = 0; i < 3; i++) {
    assertEquals((await login(t, "wrong", `192.0.2.${i}`)).status, 401);
  }
  const locked = await login(t, ADMIN_PASSWORD, "192.0.2.99");
  t.clock.advance(10 * MINUTE);
  const unlocked = await login(t, ADMIN_PASSWORD, "192.0.2.99");

  assertEquals(locked.status, 429);
  assertEquals(locked.body.error.code, "account_locked");
  assertEquals(locked.headers.get("retry-after"), "600");
  assertEquals(unlocked.status, 200);
});

dbTest("login is rate limited per client address", async (kind) => {
  await using t = await createTestApp(kind, { CEFLEET_LOGIN_RATE: "2" });

  await login(t, "wrong", "192.0.2.1");
  await login(t, "wrong", "192.0.2.1");
  const limited = await login(t, ADMIN_PASSWORD, "192.0.2.1");
  const elsewhere = await login(t, ADMIN_PASSWORD, "192.0.2.2");

  assertEquals(limited.status, 429);
  assertEquals(limited.body.error.code, "rate_limited");
  assertEquals(elsewhere.status, 200);
});

dbTest(
  "forwarded addresses count only when sent by a trusted proxy",
  async (kind) => {
    await using t = await createTestApp(kind, {
      CEFLEET_LOGIN_RATE: "1",
      CEFLEET_TRUSTED_PROXIES: "10.0.0.1",
    });
    const viaProxy = (client: string) =>
      t.request("POST", "/api/auth/login", {
        body: { username: "admin", password: ADMIN_PASSWORD },
        from: "10.0.0.1",
        headers: { "x-forwarded-for": client },
      });
    const spoofed = (client: string) =>
      t.request("POST", "/api/auth/login", {
        body: { username: "admin", password: ADMIN_PASSWORD },
        from: "192.0.2.77",
        headers: { "x-forwarded-for": client },
      });

    assertEquals((await viaProxy("198.51.100.1")).status, 200);
    assertEquals((await viaProxy("198.51.100.2")).status, 200);
    assertEquals((await spoofed("198.51.100.3")).status, 200);
    assertEquals((await spoofed("198.51.100.4")).status, 429);
  },
);

dbTest(
  "a session cookie works for reads and for same-origin writes only",
  async (kind) => {
    await using t = await createTestApp(kind);
    const cookie = `cefleet_session=${await t.adminToken()}`;
    const body = { name: "laptops" };

    const read = await t.request("GET", "/api/agents", { headers: { cookie } });
    const noOrigin = await t.request("POST", "/api/enroll-secrets", {
      headers: { cookie },
      body,
    });
    const crossSite = await t.request("POST", "/api/enroll-secrets", {
      headers: { cookie, origin: "https://evil.example" },
      body,
    });
    const sameSite = await t.request("POST", "/api/enroll-secrets", {
      headers: { cookie, origin: "http://cefleet.test" },
      body,
    });

    assertEquals(read.status, 200);
    assertEquals(noOrigin.status, 403);
    assertEquals(crossSite.status, 403);
    assertEquals(crossSite.body.error.code, "forbidden");
    assertEquals(sameSite.status, 200);
  },
);

dbTest(
  "a disabled user can neither sign in nor use a session",
  async (kind) => {
    await using t = await createTestApp(kind);
    const admin = await t.adminToken();
    const created = await t.request("POST", "/api/users", {
      token: admin,
      body: { username: "temp", password: "temporary-password" },
    });
    const session = await t.request("POST", "/api/auth/login", {
      body: { username: "temp", password: "temporary-password" },
    });

    await t.request("POST", `/api/users/${created.body.id}/disable`, {
      token: admin,
    });
    const signIn = await t.request("POST", "/api/auth/login", {
      body: { username: "temp", password: "temporary-password" },
    });
    const use = await t.request("GET", "/api/auth/me", {
      token: session.body.access_token,
    });

    assertEquals(signIn.status, 401);
    assertEquals(signIn.body.error.code, "account_disabled");
    assertEquals(use.status, 401);
    assertEquals(use.body.error.code, "account_disabled");
  },
);

dbTest("logout clears the session cookie", async (kind) => {
  await using t = await createTestApp(kind);

  const answer = await t.request("POST", "/api/auth/logout");

  assertEquals(answer.status, 200);
  assert(answer.headers.get("set-cookie")?.startsWith("cefleet_session=;"));
});
