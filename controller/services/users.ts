/**
 * Admin users: creation, the first `admin`, password changes and resets,
 * and sign-in with lockout after repeated failures.
 *
 * @module
 */
import type { User } from "../../shared/api.ts";
import {
  BCRYPT_COST,
  hashPassword,
  randomSecret,
  verifyPassword,
} from "../auth/passwords.ts";
import type { Clock } from "../clock.ts";
import type { Database, Row } from "../db/database.ts";
import { HttpError, notFound } from "../errors.ts";
import type { Actor, AuditService } from "./audit.ts";
import { iso, isoOrNull } from "./rows.ts";

/** Sign-in policy of {@linkcode UserService}. */
export interface UserPolicy {
  /** bcrypt work factor. */
  bcryptCost?: number;
  /** Failed sign-ins in a row that lock the username. */
  lockoutThreshold: number;
  /** Minutes a locked username stays locked. */
  lockoutMinutes: number;
}

/** A user with the fields the session check needs. */
export interface UserRecord extends User {
  /** Sessions issued before this instant are refused. */
  sessionsValidFrom: Date;
}

const COLUMNS = `id, username, email, is_active, is_admin,
  must_change_password, created_at, locked_until, sessions_valid_from`;

function toUser(row: Row): UserRecord {
  return {
    id: row.id as string,
    username: row.username as string,
    email: (row.email as string | null) ?? null,
    is_active: Boolean(row.is_active),
    is_admin: Boolean(row.is_admin),
    must_change_password: Boolean(row.must_change_password),
    created_at: iso(row.created_at),
    locked_until: isoOrNull(row.locked_until),
    sessionsValidFrom: new Date(iso(row.sessions_valid_from)),
  };
}

/** Stores admin users and checks their passwords. */
export class UserService {
  #db: Database;
  #clock: Clock;
  #audit: AuditService;
  #policy: Required<UserPolicy>;
  // Compared against when the username is unknown, so a miss costs as much
  // time as a wrong password and does not reveal which names exist.
  #decoyHash: Promise<string>;

  /** Keep users in `db`. */
  constructor(
    db: Database,
    clock: Clock,
    audit: AuditService,
    policy: UserPolicy,
  ) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
    this.#policy = { bcryptCost: BCRYPT_COST, ...policy };
    this.#decoyHash = hashPassword(randomSecret(), this.#policy.bcryptCost);
  }

  /**
   * Create `admin` when there is no user yet. Returns the generated
   * password when none was given, so start-up can show it once.
   */
  async ensureFirstAdmin(
    password?: string,
  ): Promise<{ created: boolean; generatedPassword?: string }> {
    const [row] = await this.#db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users",
    );
    if (Number(row.n) > 0) return { created: false };

    const generated = password ? undefined : randomSecret(18);
    const created = await this.#insert(
      {
        username: "admin",
        email: null,
        password: password ?? generated!,
        // A generated password was printed to a console; it must not last.
        mustChange: generated !== undefined,
      },
      { id: null, name: "system" },
      true,
    );
    // Another controller starting at the same moment may have won.
    if (!created) return { created: false };
    return { created: true, generatedPassword: generated };
  }

  /** Create an admin who must change the password an admin chose. */
  async create(
    input: { username: string; email?: string | null; password: string },
    actor: Actor,
  ): Promise<User> {
    const user = await this.#insert(
      {
        username: input.username,
        email: input.email ?? null,
        password: input.password,
        mustChange: true,
      },
      actor,
      false,
    );
    return publicUser(user!);
  }

  async #insert(
    input: {
      username: string;
      email: string | null;
      password: string;
      mustChange: boolean;
    },
    actor: Actor,
    ignoreConflict: boolean,
  ): Promise<UserRecord | null> {
    const hash = await hashPassword(input.password, this.#policy.bcryptCost);
    const now = this.#clock.now();
    return await this.#db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO users (id, username, email, hashed_password, is_active,
           is_admin, created_at, must_change_password, sessions_valid_from)
         VALUES ($1, $2, $3, $4, true, true, $5, $6, $5)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [
          crypto.randomUUID(),
          input.username,
          input.email,
          hash,
          now,
          input.mustChange,
        ],
      );
      if (rows.length === 0) {
        if (ignoreConflict) return null;
        throw new HttpError(
          409,
          "conflict",
          `User "${input.username}" or its email already exists`,
        );
      }
      const user = toUser(rows[0]);
      await this.#audit.record(actor, "user.create", user.id, {
        username: user.username,
      }, tx);
      return user;
    });
  }

  /** Every user, by name. */
  async list(): Promise<User[]> {
    const rows = await this.#db.query(
      `SELECT ${COLUMNS} FROM users ORDER BY username`,
    );
    return rows.map((row) => publicUser(toUser(row)));
  }

  /** The user with `id`, or null. */
  async get(id: string): Promise<UserRecord | null> {
    const rows = await this.#db.query(
      `SELECT ${COLUMNS} FROM users WHERE id = $1`,
      [id],
    );
    return rows.length ? toUser(rows[0]) : null;
  }

  /** The user named `username`, or null. */
  async byUsername(username: string): Promise<UserRecord | null> {
    const rows = await this.#db.query(
      `SELECT ${COLUMNS} FROM users WHERE username = $1`,
      [username],
    );
    return rows.length ? toUser(rows[0]) : null;
  }

  /**
   * Check a username and password, counting failures and locking the
   * username after too many in a row.
   *
   * @throws {HttpError} 401 on bad credentials or a disabled account, 429
   * while the username is locked
   */
  async authenticate(username: string, password: string): Promise<UserRecord> {
    const rows = await this.#db.query(
      `SELECT ${COLUMNS}, hashed_password, failed_logins FROM users
       WHERE username = $1`,
      [username],
    );
    if (rows.length === 0) {
      await verifyPassword(password, await this.#decoyHash);
      throw badCredentials();
    }

    const row = rows[0];
    const user = toUser(row);
    this.#refuseWhileLocked(user);
    if (!await verifyPassword(password, row.hashed_password as string)) {
      await this.#countFailure(user.id, Number(row.failed_logins) + 1);
      throw badCredentials();
    }
    if (!user.is_active) {
      throw new HttpError(401, "account_disabled", "Account is disabled");
    }

    if (Number(row.failed_logins) > 0 || user.locked_until) {
      await this.#db.query(
        "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1",
        [user.id],
      );
    }
    return user;
  }

  #refuseWhileLocked(user: UserRecord): void {
    if (!user.locked_until) return;
    const remaining = Date.parse(user.locked_until) -
      this.#clock.now().getTime();
    if (remaining <= 0) return;
    throw new HttpError(429, "account_locked", "Account is locked for now", {
      headers: { "Retry-After": String(Math.ceil(remaining / 1000)) },
    });
  }

  async #countFailure(id: string, failures: number): Promise<void> {
    if (failures < this.#policy.lockoutThreshold) {
      await this.#db.query(
        "UPDATE users SET failed_logins = $2 WHERE id = $1",
        [id, failures],
      );
      return;
    }
    const until = new Date(
      this.#clock.now().getTime() + this.#policy.lockoutMinutes * 60_000,
    );
    await this.#db.query(
      "UPDATE users SET failed_logins = 0, locked_until = $2 WHERE id = $1",
      [id, until],
    );
  }

  /**
   * Change the user's own password; sessions issued before now stop
   * working.
   *
   * @throws {HttpError} 401 when `current` is wrong, 422 when unchanged
   */
  async changePassword(
    id: string,
    current: string,
    next: string,
  ): Promise<void> {
    const rows = await this.#db.query<{ hashed_password: string }>(
      "SELECT hashed_password FROM users WHERE id = $1",
      [id],
    );
    if (rows.length === 0) throw notFound("User", id);
    if (!await verifyPassword(current, rows[0].hashed_password)) {
      throw badCredentials();
    }
    if (current === next) {
      throw new HttpError(
        422,
        "validation_failed",
        "New password must differ from the current one",
        {
          details: { fields: [{ path: "new_password", message: "unchanged" }] },
        },
      );
    }
    await this.#setPassword(id, next, false);
  }

  /**
   * Set a new password for another user, who must change it at next
   * sign-in. Returns the password when it was generated.
   */
  async resetPassword(
    id: string,
    actor: Actor,
    password?: string,
  ): Promise<{ temporaryPassword?: string }> {
    if (!await this.get(id)) throw notFound("User", id);
    const generated = password ? undefined : randomSecret(18);
    await this.#setPassword(id, password ?? generated!, true);
    await this.#audit.record(actor, "user.reset_password", id);
    return { temporaryPassword: generated };
  }

  /**
   * Give the operator back a way in: a fresh one-time password for
   * `username`, who becomes an enabled, unlocked admin with no live
   * session, or is created as one when missing. For the command line, so
   * it trusts whoever can reach the database.
   */
  async recoverAdmin(
    username: string,
    actor: Actor,
  ): Promise<{ created: boolean; temporaryPassword: string }> {
    const password = randomSecret(18);
    const existing = await this.byUsername(username);
    if (!existing) {
      await this.#insert(
        { username, email: null, password, mustChange: true },
        actor,
        false,
      );
      return { created: true, temporaryPassword: password };
    }

    const hash = await hashPassword(password, this.#policy.bcryptCost);
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `UPDATE users SET hashed_password = $2, must_change_password = true,
           sessions_valid_from = $3, failed_logins = 0, locked_until = NULL,
           is_active = true, is_admin = true
         WHERE id = $1`,
        [existing.id, hash, this.#clock.now()],
      );
      await this.#audit.record(actor, "user.recover", existing.id, {
        username,
        was_active: existing.is_active,
        was_locked: existing.locked_until !== null,
      }, tx);
    });
    return { created: false, temporaryPassword: password };
  }

  async #setPassword(
    id: string,
    password: string,
    mustChange: boolean,
  ): Promise<void> {
    const hash = await hashPassword(password, this.#policy.bcryptCost);
    await this.#db.query(
      `UPDATE users SET hashed_password = $2, must_change_password = $3,
         sessions_valid_from = $4, failed_logins = 0, locked_until = NULL
       WHERE id = $1`,
      [id, hash, mustChange, this.#clock.now()],
    );
  }

  /** Enable or disable a user; a disabled user's sessions stop working. */
  async setActive(id: string, active: boolean, actor: Actor): Promise<User> {
    if (actor.id === id && !active) {
      throw new HttpError(409, "conflict", "Admins cannot disable themselves");
    }
    const rows = await this.#db.query(
      `UPDATE users SET is_active = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, active],
    );
    if (rows.length === 0) throw notFound("User", id);
    await this.#audit.record(
      actor,
      active ? "user.enable" : "user.disable",
      id,
    );
    return publicUser(toUser(rows[0]));
  }
}

/** The user without internal fields. */
export function publicUser(user: UserRecord): User {
  const { sessionsValidFrom: _, ...rest } = user;
  return rest;
}

function badCredentials(): HttpError {
  return new HttpError(
    401,
    "invalid_credentials",
    "Username or password is wrong",
  );
}
