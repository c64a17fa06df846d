/**
 * One daemon per state directory. Two daemons sharing a journal and a
 * queue could both run the same command, so the second one stops.
 *
 * @module
 */
import { AgentError } from "./errors.ts";

/** How long to wait for another daemon to let go of the lock. */
const LOCK_WAIT_MS = 1_000;

/**
 * Takes the exclusive lock on `path`, held until the returned file is
 * closed or the process ends (the OS releases it even after a crash).
 *
 * @throws {AgentError} `already_running` when another process holds it
 */
export async function acquireRunLock(path: string): Promise<Deno.FsFile> {
  const file = await Deno.open(path, {
    create: true,
    write: true,
    mode: 0o600,
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), LOCK_WAIT_MS);
  });
  const locked = await Promise.race([
    file.lock(true).then(() => true),
    timedOut,
  ]);
  clearTimeout(timer);

  if (!locked) {
    throw new AgentError(
      "already_running",
      `Another cefleet agent is running with the state in "${path}"`,
    );
  }
  return file;
}
