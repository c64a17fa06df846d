/**
 * One-time messages for the dashboard: what a page must show exactly once
 * after a form post redirects to it, such as a new enrollment secret. The
 * browser holds a random ticket; the database holds the message sealed
 * with a key only the ticket carries, and forgets it on first read. The
 * secret so never appears in a URL, and every controller sharing the
 * database can show it.
 *
 * @module
 */
import { sha256Hex } from "../auth/passwords.ts";
import type { Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";

/** Seconds a message waits to be shown before it is dropped. */
export const FLASH_SECONDS = 300;

const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Keeps one-time messages between a form post and the page after it. */
export class FlashService {
  #db: Database;
  #clock: Clock;

  /** Keep messages in `db`. */
  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Store `message` for `userId`; returns the ticket the browser must
   * present to read it, which is the only copy of the key.
   */
  async put(userId: string, message: unknown): Promise<string> {
    const id = base64Url(crypto.getRandomValues(new Uint8Array(18)));
    const key = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    const sealed = await seal(key, userId, JSON.stringify(message));
    const now = this.#clock.now();
    const expires = new Date(now.getTime() + FLASH_SECONDS * 1000);

    // Messages nobody came back for would otherwise stay forever.
    await this.#db.query("DELETE FROM dashboard_flash WHERE expires_at < $1", [
      now,
    ]);
    await this.#db.query(
      `INSERT INTO dashboard_flash (id, user_id, sealed, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [sha256Hex(id), userId, sealed, expires],
    );
    return `${id}.${base64Url(key)}`;
  }

  /**
   * The message `ticket` opens, removed as it is read; null when it was
   * read before, has expired, belongs to another user or the ticket is
   * not one of ours.
   */
  async take(userId: string, ticket: string): Promise<unknown | null> {
    const [id, key] = ticket.split(".");
    if (!id || !key) return null;

    // Another admin's attempt matches no row, so it cannot use up the
    // message before its owner sees it.
    const rows = await this.#db.query<{ sealed: string }>(
      `DELETE FROM dashboard_flash
       WHERE id = $1 AND user_id = $2 AND expires_at >= $3
       RETURNING sealed`,
      [sha256Hex(id), userId, this.#clock.now()],
    );
    if (rows.length === 0) return null;

    const text = await unseal(fromBase64Url(key), userId, rows[0].sealed);
    return text === null ? null : JSON.parse(text);
  }
}

async function aesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return await crypto.subtle.importKey(
    "raw",
    raw,
    "AES-GCM",
    false,
    ["encrypt", "decrypt"],
  );
}

// The user id is authenticated with the message, so a row cannot be
// moved to another admin and still open.
async function seal(
  raw: Uint8Array<ArrayBuffer>,
  userId: string,
  text: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(userId) },
    await aesKey(raw),
    new TextEncoder().encode(text),
  );
  const sealed = new Uint8Array(IV_BYTES + cipher.byteLength);
  sealed.set(iv);
  sealed.set(new Uint8Array(cipher), IV_BYTES);
  return base64Url(sealed);
}

async function unseal(
  raw: Uint8Array<ArrayBuffer>,
  userId: string,
  sealed: string,
): Promise<string | null> {
  const bytes = fromBase64Url(sealed);
  try {
    const plain = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: bytes.subarray(0, IV_BYTES),
        additionalData: new TextEncoder().encode(userId),
      },
      await aesKey(raw),
      bytes.subarray(IV_BYTES),
    );
    return new TextDecoder().decode(plain);
  } catch {
    // A forged or truncated key: the message stays unreadable.
    return null;
  }
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}
