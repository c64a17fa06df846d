/**
 * The key that signs admin and agent tokens: given by the environment, or
 * generated on first start and kept in the data folder, readable by the
 * controller's user only.
 *
 * @module
 */
import { join } from "node:path";

const KEY_FILE = "signing_key";

/** Load the signing key, creating it in `dataDir` when needed. */
export async function loadSigningKey(
  options: { jwtSecret?: string; dataDir: string },
): Promise<{ key: Uint8Array; generated: boolean }> {
  if (options.jwtSecret) {
    return {
      key: new TextEncoder().encode(options.jwtSecret),
      generated: false,
    };
  }

  const path = join(options.dataDir, KEY_FILE);
  try {
    return { key: decode(await Deno.readTextFile(path)), generated: false };
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }

  await Deno.mkdir(options.dataDir, { recursive: true });
  const key = crypto.getRandomValues(new Uint8Array(32));
  try {
    await Deno.writeTextFile(path, encode(key) + "\n", {
      mode: 0o600,
      createNew: true,
    });
  } catch (error) {
    // Another controller sharing the folder won the race; use its key.
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    return { key: decode(await Deno.readTextFile(path)), generated: false };
  }
  return { key, generated: true };
}

function encode(key: Uint8Array): string {
  return btoa(String.fromCharCode(...key));
}

function decode(text: string): Uint8Array {
  const key = Uint8Array.from(atob(text.trim()), (char) => char.charCodeAt(0));
  if (key.length < 32) {
    throw new Error(`Signing key file "${KEY_FILE}" holds fewer than 32 bytes`);
  }
  return key;
}
