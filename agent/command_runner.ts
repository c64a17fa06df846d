/**
 * Runs an operating-system tool with input on stdin. Secrets are always
 * passed on stdin, never as arguments, since any local user can read a
 * process's arguments.
 *
 * @module
 */

/** What a finished command printed and how it exited. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` with `args`, feeding `stdin` when given. */
export type CommandRunner = (
  command: string,
  args: string[],
  options?: { stdin?: string },
) => Promise<CommandOutput>;

/** Runs real processes with `Deno.Command`. */
export const runCommand: CommandRunner = async (command, args, options) => {
  const child = new Deno.Command(command, {
    args,
    stdin: options?.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();

  if (options?.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }

  const output = await child.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
};
