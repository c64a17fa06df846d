import assert from "node:assert/strict";
import { DatabaseInUseError } from "./db/open.ts";
import { startupFailureHint } from "./startup_failure.ts";

const CONFIG = { port: 8123, host: "0.0.0.0", databaseUrl: undefined };

Deno.test("startupFailureHint() names a port in use and how to pick another", () => {
  const hint = startupFailureHint(
    new Deno.errors.AddrInUse("Address already in use (os error 98)"),
    CONFIG,
  );

  assert.equal(
    hint,
    "Port 8123 is already in use on 0.0.0.0; stop what uses it or set PORT " +
      "to another port (PORT=0 picks a free one)",
  );
});

Deno.test("startupFailureHint() names an unreachable database without its password", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED"), {
    code: "ECONNREFUSED",
  });
  const hint = startupFailureHint(refused, {
    ...CONFIG,
    databaseUrl: "postgres://app:s3cret@db.internal:5432/cefleet",
  });

  assert.equal(
    hint,
    "Cannot reach the database at postgres://app:***@db.internal:5432/cefleet " +
      "(ECONNREFUSED); check DATABASE_URL and that PostgreSQL is running",
  );
});

Deno.test("startupFailureHint() leaves other failures to the log", () => {
  assert.equal(startupFailureHint(new Error("disk full"), CONFIG), undefined);
});

Deno.test("startupFailureHint() says the embedded database is open elsewhere", () => {
  const hint = startupFailureHint(
    new DatabaseInUseError("/srv/cefleet/pgdata"),
    CONFIG,
  );

  assert.equal(
    hint,
    'The embedded database in "/srv/cefleet/pgdata" is open in another ' +
      "process, such as a running controller; stop it and try again",
  );
});
