import { assertEquals, assertThrows } from "../../tests/helpers/assert.ts";
import { FakeClock } from "../../tests/helpers/fake_clock.ts";
import { HttpError } from "../errors.ts";
import { RateLimiter } from "./rate_limit.ts";

Deno.test("RateLimiter.take() refuses the event past the limit with Retry-After", () => {
  const clock = new FakeClock();
  const limiter = new RateLimiter(2, 60_000, clock);

  limiter.take("a");
  limiter.take("a");
  clock.advance(15_000);
  const error = assertThrows(() => limiter.take("a"), HttpError);

  assertEquals(error.status, 429);
  assertEquals(error.code, "rate_limited");
  assertEquals(error.headers["Retry-After"], "45");
});

Deno.test("RateLimiter.take() counts keys apart and resets after the window", () => {
  const clock = new FakeClock();
  const limiter = new RateLimiter(1, 60_000, clock);

  limiter.take("a");
  limiter.take("b");
  clock.advance(60_000);
  limiter.take("a");

  assertThrows(() => limiter.take("a"), HttpError);
});
