/**
 * Tokens an attacker could make: signed with the wrong key, or unsigned
 * with `alg: none`.
 *
 * @module
 */
import { SignJWT } from "jose";

/** Base64url of a JSON value. */
function part(value: unknown): string {
  return btoa(JSON.stringify(value))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Claims shaped like the controller's for `subject` and `audience`. */
export function claimsFor(subject: string, audience: string, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: "cefleet",
    aud: audience,
    sub: subject,
    jti: crypto.randomUUID(),
    iat,
    exp: iat + 3600,
  };
}

/** A token with the right claims signed by a key the controller never had. */
export async function forgedToken(
  claims: Record<string, unknown>,
): Promise<string> {
  const key = new TextEncoder().encode("not-the-controllers-key-000000000");
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .sign(key);
}

/** An unsigned token declaring `alg: none`. */
export function unsignedToken(claims: Record<string, unknown>): string {
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}
