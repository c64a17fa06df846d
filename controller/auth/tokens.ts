/**
 * Signed tokens: 30-minute admin sessions and 365-day agent tokens, both
 * HS256 JWTs told apart by their audience.
 *
 * @module
 */
import { errors, jwtVerify, SignJWT } from "jose";
import type { Clock } from "../clock.ts";
import { HttpError } from "../errors.ts";

/** Lifetime of an admin session, in seconds. */
export const ADMIN_TOKEN_SECONDS = 30 * 60;
/** Lifetime of an agent token, in seconds. */
export const AGENT_TOKEN_SECONDS = 365 * 24 * 60 * 60;

const ISSUER = "cefleet";
const ADMIN_AUDIENCE = "cefleet:admin";
const AGENT_AUDIENCE = "cefleet:agent";

/** The claims of a verified admin token. */
export interface AdminClaims {
  /** The user's id. */
  userId: string;
  /** When the token was issued. */
  issuedAt: Date;
}

/** The claims of a verified agent token. */
export interface AgentClaims {
  /** The agent's id. */
  agentId: string;
  /** The token's id, whose hash the agent row keeps. */
  tokenId: string;
}

/** Issues and verifies the controller's tokens. */
export class TokenService {
  #key: Uint8Array;
  #clock: Clock;

  /** Sign with `key`, reading time from `clock`. */
  constructor(key: Uint8Array, clock: Clock) {
    this.#key = key;
    this.#clock = clock;
  }

  /** A session token for the admin user `userId`. */
  async issueAdmin(userId: string): Promise<string> {
    return await this.#sign(userId, ADMIN_AUDIENCE, ADMIN_TOKEN_SECONDS)
      .sign(this.#key);
  }

  /** A token for agent `agentId`; returns it with its id. */
  async issueAgent(
    agentId: string,
  ): Promise<{ token: string; tokenId: string }> {
    const tokenId = crypto.randomUUID();
    const token = await this.#sign(agentId, AGENT_AUDIENCE, AGENT_TOKEN_SECONDS)
      .setJti(tokenId)
      .sign(this.#key);
    return { token, tokenId };
  }

  /**
   * Verify an admin session token.
   *
   * @throws {HttpError} 401 when it is expired, forged or malformed
   */
  async verifyAdmin(token: string): Promise<AdminClaims> {
    const payload = await this.#verify(token, ADMIN_AUDIENCE);
    return {
      userId: payload.sub as string,
      issuedAt: new Date((payload.iat ?? 0) * 1000),
    };
  }

  /**
   * Verify an agent token.
   *
   * @throws {HttpError} 401 when it is expired, forged or malformed
   */
  async verifyAgent(token: string): Promise<AgentClaims> {
    const payload = await this.#verify(token, AGENT_AUDIENCE);
    if (typeof payload.jti !== "string") {
      throw new HttpError(401, "token_invalid", "Token has no id");
    }
    return { agentId: payload.sub as string, tokenId: payload.jti };
  }

  #sign(subject: string, audience: string, seconds: number): SignJWT {
    const now = Math.floor(this.#clock.now().getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds);
  }

  async #verify(token: string, audience: string) {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ["HS256"],
        issuer: ISSUER,
        audience,
        currentDate: this.#clock.now(),
        requiredClaims: ["sub", "exp", "iat"],
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new HttpError(401, "token_expired", "Token has expired");
      }
      throw new HttpError(401, "token_invalid", "Token is not valid");
    }
  }
}
