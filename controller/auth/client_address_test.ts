import { assertEquals } from "../../tests/helpers/assert.ts";
import { isTrusted } from "./client_address.ts";

Deno.test("isTrusted() matches exact addresses", () => {
  assertEquals(isTrusted("10.0.0.1", ["10.0.0.1"]), true);
  assertEquals(isTrusted("10.0.0.2", ["10.0.0.1"]), false);
});

Deno.test("isTrusted() matches IPv4 CIDR ranges", () => {
  assertEquals(isTrusted("172.16.5.4", ["172.16.0.0/12"]), true);
  assertEquals(isTrusted("172.32.0.1", ["172.16.0.0/12"]), false);
  assertEquals(isTrusted("8.8.8.8", ["0.0.0.0/0"]), true);
});

Deno.test("isTrusted() trusts nothing for malformed entries or addresses", () => {
  assertEquals(isTrusted("10.0.0.1", ["10.0.0.0/40"]), false);
  assertEquals(isTrusted("unknown", ["10.0.0.0/8"]), false);
  assertEquals(isTrusted("10.0.0.1", []), false);
});
