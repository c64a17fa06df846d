/**
 * Crash-safe file writes: the data goes to a temporary file beside the
 * target, is flushed to disk, then renamed over the target. A crash leaves
 * either the old file or the new one, never half of one.
 *
 * @module
 */

/** Suffix of the temporary files, so readers can skip and clean them. */
export const TEMP_SUFFIX = ".partial";

/** Writes `data` to `path` atomically, readable by the owner only. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
): Promise<void> {
  const bytes = typeof data === "string"
    ? new TextEncoder().encode(data)
    : data;
  const temp = `${path}.${crypto.randomUUID().slice(0, 8)}${TEMP_SUFFIX}`;

  const file = await Deno.open(temp, {
    write: true,
    createNew: true,
    mode: 0o600,
  });
  try {
    await writeAll(file, bytes);
    await file.sync();
  } finally {
    file.close();
  }

  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array) {
  let written = 0;
  while (written < bytes.length) {
    written += await file.write(bytes.subarray(written));
  }
}

/** Reads a text file, or returns undefined when it does not exist. */
export async function readTextIfExists(
  path: string,
): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
