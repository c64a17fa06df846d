/**
 * Password hashing with bcrypt, and generation of strong random passwords
 * and secrets.
 *
 * @module
 */
import bcrypt from "bcryptjs";
import { createHash } from "node:crypto";

/** bcrypt work factor for stored passwords. */
export const BCRYPT_COST = 12;

/** Hash a password for storage. */
export async function hashPassword(
  password: string,
  cost = BCRYPT_COST,
): Promise<string> {
  return await bcrypt.hash(password, cost);
}

/** Whether `password` matches a stored bcrypt `hash`. */
export async function verifyPassword(
  password: string,
  hash: string,
): Promise<boolean> {
  return await bcrypt.compare(password, hash);
}

/** A random URL-safe string carrying `bytes` bytes of entropy. */
export function randomSecret(bytes = 24): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Hex SHA-256 of a high-entropy value such as a token id or secret. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
