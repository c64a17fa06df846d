/**
 * Small assertions for tests, built on `node:assert` because the Deno
 * standard library is not reachable from npm.
 *
 * @module
 */
import nodeAssert from "node:assert";

/** Fail unless `actual` deeply and strictly equals `expected`. */
export function assertEquals<T>(actual: T, expected: T, message?: string) {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Fail unless `actual` differs from `expected`. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string) {
  nodeAssert.notDeepStrictEqual(actual, expected, message);
}

/** Fail unless `condition` is truthy. */
export function assert(
  condition: unknown,
  message?: string,
): asserts condition {
  nodeAssert.ok(condition, message);
}

/** Fail unless `text` matches `pattern`. */
export function assertMatch(text: string, pattern: RegExp, message?: string) {
  nodeAssert.match(text, pattern, message);
}

/** Fail unless `fn` throws an instance of `type`; returns the error. */
export function assertThrows<E extends Error>(
  fn: () => unknown,
  type: new (...args: never[]) => E,
): E {
  try {
    fn();
  } catch (error) {
    nodeAssert.ok(error instanceof type, `Expected ${type.name}, got ${error}`);
    return error as E;
  }
  throw new nodeAssert.AssertionError({ message: "Expected a throw" });
}

/** Fail unless `fn` rejects with an instance of `type`; returns the error. */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  try {
    await fn();
  } catch (error) {
    nodeAssert.ok(error instanceof type, `Expected ${type.name}, got ${error}`);
    return error as E;
  }
  throw new nodeAssert.AssertionError({ message: "Expected a rejection" });
}
