import assert from "node:assert/strict";
import { loginUrl, safeNext } from "./session.ts";

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
