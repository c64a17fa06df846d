/**
 * A command runner for tests that replays recorded exchanges: each call
 * must match the next expected command, arguments and stdin exactly.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { CommandOutput, CommandRunner } from "../command_runner.ts";

/** One recorded call and what the tool answered. */
export interface Exchange {
  command: string;
  args: string[];
  stdin?: string;
  output: Partial<CommandOutput>;
}

/** A runner replaying `exchanges`, plus a check that all were used. */
export function recordedRunner(exchanges: Exchange[]): {
  run: CommandRunner;
  calls: { command: string; args: string[]; stdin?: string }[];
  assertDone: () => void;
} {
  const pending = [...exchanges];
  const calls: { command: string; args: string[]; stdin?: string }[] = [];

  const run: CommandRunner = (command, args, options) => {
    calls.push({ command, args, stdin: options?.stdin });
    const next = pending.shift();
    assert.ok(next, `Unexpected command: ${command} ${args.join(" ")}`);
    assert.equal(command, next.command);
    assert.deepEqual(args, next.args);
    assert.equal(options?.stdin, next.stdin);
    return Promise.resolve({ code: 0, stdout: "", stderr: "", ...next.output });
  };

  const assertDone = () =>
    assert.equal(pending.length, 0, `${pending.length} exchanges unused`);
  return { run, calls, assertDone };
}
