import {
  assertEquals,
  assertNotEquals,
  assertRejects,
} from "../../tests/helpers/assert.ts";
import { FakeClock } from "../../tests/helpers/fake_clock.ts";
import { HttpError } from "../errors.ts";
import { TokenService } from "./tokens.ts";

const key = new TextEncoder().encode("a".repeat(32));

Deno.test("TokenService.verifyAgent() returns the agent id and a fresh token id", async () => {
  const tokens = new TokenService(key, new FakeClock());

  const first = await tokens.issueAgent("agent-1");
  const second = await tokens.issueAgent("agent-1");
  const claims = await tokens.verifyAgent(first.token);

  assertEquals(claims, { agentId: "agent-1", tokenId: first.tokenId });
  assertNotEquals(first.tokenId, second.tokenId);
});

Deno.test("TokenService keeps admin and agent tokens apart", async () => {
  const tokens = new TokenService(key, new FakeClock());

  const admin = await tokens.issueAdmin("user-1");
  const { token: agent } = await tokens.issueAgent("agent-1");

  const a = await assertRejects(() => tokens.verifyAgent(admin), HttpError);
  const b = await assertRejects(() => tokens.verifyAdmin(agent), HttpError);
  assertEquals([a.code, b.code], ["token_invalid", "token_invalid"]);
});

Deno.test("TokenService.verifyAdmin() answers token_expired after 30 minutes", async () => {
  const clock = new FakeClock();
  const tokens = new TokenService(key, clock);
  const token = await tokens.issueAdmin("user-1");

  clock.advance(29 * 60_000);
  assertEquals((await tokens.verifyAdmin(token)).userId, "user-1");
  clock.advance(2 * 60_000);
  const error = await assertRejects(() => tokens.verifyAdmin(token), HttpError);

  assertEquals(error.code, "token_expired");
});

Deno.test("TokenService refuses a token signed with another key", async () => {
  const clock = new FakeClock();
  const other = new TokenService(
    new TextEncoder().encode("b".repeat(32)),
    clock,
  );
  const { token } = await other.issueAgent("agent-1");

  const error = await assertRejects(
    () => new TokenService(key, clock).verifyAgent(token),
    HttpError,
  );

  assertEquals(error.status, 401);
  assertEquals(error.code, "token_invalid");
});
