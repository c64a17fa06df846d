import assert from "node:assert/strict";
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../../controller/context.ts";
import { HttpError } from "../../controller/errors.ts";
import { formPost, loginUrl, safeNext } from "./session.ts";

Deno.test("safeNext() keeps paths on this site", () => {
  assert.equal(safeNext("/agents?state=online"), "/agents?state=online");
  assert.equal(safeNext("/reports/abc"), "/reports/abc");
});

Deno.test("safeNext() refuses other sites and the login page", () => {
  assert.equal(safeNext("https://evil.example/"), "/");
  assert.equal(safeNext("//evil.example/"), "/");
  assert.equal(safeNext("/\\evil.example/"), "/");
  assert.equal(safeNext("/login?next=/x"), "/");
  assert.equal(safeNext(undefined), "/");
});

Deno.test("loginUrl() carries the reason and the page to return to", () => {
  assert.equal(
    loginUrl("/agents?os=Linux", "expired"),
    "/login?reason=expired&next=%2Fagents%3Fos%3DLinux",
  );
  assert.equal(loginUrl("/"), "/login");
});

/** A tiny app whose one form answers 200, errors by status and code. */
function formApp(guards: MiddlewareHandler<AppEnv>[]) {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    if (!(error instanceof HttpError)) throw error;
    return c.text(error.code, error.status as 403);
  });
  app.post("/form", formPost(64, ...guards), (c) => c.text("done"));
  return app;
}

function post(app: Hono<AppEnv>, origin: string, body = "name=x") {
  return app.request("http://cefleet.test/form", {
    method: "POST",
    headers: {
      origin,
      "content-type": "application/x-www-form-urlencoded",
    },
    body,
  });
}

Deno.test("formPost() refuses another origin before any guard runs", async () => {
  let guarded = 0;
  const app = formApp([async (_c, next) => {
    guarded++;
    await next();
  }]);

  const answer = await post(app, "https://evil.example");

  assert.equal(answer.status, 403);
  assert.equal(await answer.text(), "forbidden");
  assert.equal(guarded, 0);
});

Deno.test("formPost() refuses a body over the limit", async () => {
  const app = formApp([]);

  const answer = await post(app, "http://cefleet.test", "x".repeat(65));

  assert.equal(answer.status, 413);
  assert.equal(await answer.text(), "payload_too_large");
});

Deno.test("formPost() lets the guards decide a same-origin post", async () => {
  const refuse: MiddlewareHandler<AppEnv> = () => {
    throw new HttpError(401, "unauthorized", "Sign in first");
  };

  const admitted = await post(formApp([]), "http://cefleet.test");
  const refused = await post(formApp([refuse]), "http://cefleet.test");

  assert.equal(admitted.status, 200);
  assert.equal(await admitted.text(), "done");
  assert.equal(refused.status, 401);
});
