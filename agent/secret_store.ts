/**
 * Where the agent keeps its token: the operating system's own credential
 * store (Windows DPAPI at machine scope, the macOS System keychain, Linux
 * `systemd-creds`), or a file only its owner can read.
 *
 * Every store passes the token to tools on stdin and reads it from stdout,
 * so it never appears in a process's arguments.
 *
 * @module
 */
import { readTextIfExists, writeFileAtomic } from "./atomic_file.ts";
import type { CommandRunner } from "./command_runner.ts";
import { AgentError } from "./errors.ts";
import { type AgentOs, type AgentPaths, joinPath } from "./paths.ts";

/** Holds one secret: the agent's token. */
export interface SecretStore {
  /** Short name of the mechanism, shown by `status`. */
  readonly kind: string;
  /** Where the secret lives, for people; never the secret itself. */
  readonly location: string;
  /** The stored secret, or undefined when none is stored. */
  get(): Promise<string | undefined>;
  /** Stores `secret`, replacing any earlier one. */
  set(secret: string): Promise<void>;
  /** Forgets the secret; does nothing when none is stored. */
  delete(): Promise<void>;
}

/** Name the token carries inside credential stores. */
export const TOKEN_NAME = "cefleet-agent-token";

/** A file readable and writable by its owner only (mode 0600). */
export class FileSecretStore implements SecretStore {
  readonly kind = "file";
  readonly location: string;

  /** A store in the file at `path`. */
  constructor(path: string) {
    this.location = path;
  }

  async get(): Promise<string | undefined> {
    const text = await readTextIfExists(this.location);
    return text?.trim() || undefined;
  }

  async set(secret: string): Promise<void> {
    await writeFileAtomic(this.location, secret);
  }

  async delete(): Promise<void> {
    await removeIfExists(this.location);
  }
}

/**
 * Linux: the token encrypted by `systemd-creds` with the host's credential
 * key (and TPM2 when present), so a copied file is useless elsewhere. When
 * `systemd-creds` cannot encrypt, a root-only plain file is used instead.
 */
export class SystemdCredsSecretStore implements SecretStore {
  readonly kind = "systemd-creds";
  readonly location: string;
  #plain: FileSecretStore;
  #run: CommandRunner;
  #onFallback: (reason: string) => void;

  /** A store writing `<dir>/agent-token.cred` (or `agent-token`). */
  constructor(
    dir: string,
    run: CommandRunner,
    onFallback: (reason: string) => void = () => {},
  ) {
    this.location = `${dir}/agent-token.cred`;
    this.#plain = new FileSecretStore(`${dir}/agent-token`);
    this.#run = run;
    this.#onFallback = onFallback;
  }

  async get(): Promise<string | undefined> {
    const sealed = await readTextIfExists(this.location);
    if (sealed === undefined) return await this.#plain.get();

    const output = await this.#tool([
      "decrypt",
      `--name=${TOKEN_NAME}`,
      "-",
      "-",
    ], sealed);
    if (output.code !== 0) {
      throw storeError(
        `systemd-creds could not decrypt "${this.location}"`,
        output.stderr,
      );
    }
    return output.stdout || undefined;
  }

  async set(secret: string): Promise<void> {
    const output = await this.#tool([
      "encrypt",
      `--name=${TOKEN_NAME}`,
      "-",
      "-",
    ], secret)
      .catch((error) => ({ code: -1, stdout: "", stderr: String(error) }));

    if (output.code !== 0) {
      this.#onFallback(lastLine(output.stderr));
      await this.#plain.set(secret);
      await removeIfExists(this.location);
      return;
    }
    await writeFileAtomic(this.location, output.stdout);
    await this.#plain.delete();
  }

  async delete(): Promise<void> {
    await removeIfExists(this.location);
    await this.#plain.delete();
  }

  #tool(args: string[], stdin: string) {
    return this.#run("systemd-creds", args, { stdin });
  }
}

/** Keychain of macOS that holds secrets of the system, not of a user. */
export const SYSTEM_KEYCHAIN = "/Library/Keychains/System.keychain";

/** Exit status of `security` when the item does not exist. */
const KEYCHAIN_NOT_FOUND = 44;

/** macOS: a generic password in the System keychain, via `security`. */
export class KeychainSecretStore implements SecretStore {
  readonly kind = "keychain";
  readonly location = `${SYSTEM_KEYCHAIN} (service ${TOKEN_NAME})`;
  #run: CommandRunner;

  /** A store that drives the `security` tool through `run`. */
  constructor(run: CommandRunner) {
    this.#run = run;
  }

  async get(): Promise<string | undefined> {
    const output = await this.#run("security", [
      "find-generic-password",
      ...this.#item(),
      "-w",
      SYSTEM_KEYCHAIN,
    ]);
    if (output.code === KEYCHAIN_NOT_FOUND) return undefined;
    if (output.code !== 0) {
      throw storeError("The System keychain could not be read", output.stderr);
    }
    return output.stdout.replace(/\r?\n$/, "") || undefined;
  }

  async set(secret: string): Promise<void> {
    assertPlainToken(secret);

    // `security -i` reads its command from stdin, which keeps the token
    // out of the argument list that `-w <password>` would put it in.
    const command = [
      "add-generic-password",
      "-U",
      ...this.#item(),
      "-w",
      secret,
      SYSTEM_KEYCHAIN,
    ].join(" ");
    const output = await this.#run("security", ["-i"], {
      stdin: `${command}\n`,
    });

    if (output.code !== 0 || (await this.get()) !== secret) {
      throw storeError(
        "The System keychain did not store the token",
        output.stderr,
      );
    }
  }

  async delete(): Promise<void> {
    const output = await this.#run("security", [
      "delete-generic-password",
      ...this.#item(),
      SYSTEM_KEYCHAIN,
    ]);
    if (output.code !== 0 && output.code !== KEYCHAIN_NOT_FOUND) {
      throw storeError(
        "The System keychain entry could not be deleted",
        output.stderr,
      );
    }
  }

  #item() {
    return ["-a", "agent", "-s", TOKEN_NAME];
  }
}

/** PowerShell that seals stdin with DPAPI for the whole machine. */
export const DPAPI_PROTECT_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "Add-Type -AssemblyName System.Security",
  "$plain = [Text.Encoding]::UTF8.GetBytes([Console]::In.ReadToEnd())",
  "$sealed = [Security.Cryptography.ProtectedData]::Protect(" +
  "$plain, $null, 'LocalMachine')",
  "[Console]::Out.Write([Convert]::ToBase64String($sealed))",
].join("; ");

/** PowerShell that opens DPAPI-sealed base64 read from stdin. */
export const DPAPI_UNPROTECT_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "Add-Type -AssemblyName System.Security",
  "$sealed = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())",
  "$plain = [Security.Cryptography.ProtectedData]::Unprotect(" +
  "$sealed, $null, 'LocalMachine')",
  "[Console]::Out.Write([Text.Encoding]::UTF8.GetString($plain))",
].join("; ");

/** Arguments that run a PowerShell script without profile or prompts. */
export function powershellArgs(script: string): string[] {
  return ["-NoProfile", "-NonInteractive", "-Command", script];
}

/**
 * `icacls` arguments that leave `dir` to SYSTEM and Administrators only,
 * replacing what it inherits from ProgramData, where every user may read.
 */
export function restrictedAclArgs(dir: string): string[] {
  return [
    dir,
    "/inheritance:r",
    "/grant:r",
    "*S-1-5-18:(OI)(CI)F",
    "*S-1-5-32-544:(OI)(CI)F",
  ];
}

/**
 * Windows: the token sealed with DPAPI at machine scope, in a file whose
 * folder only SYSTEM and Administrators can open. Machine scope lets any
 * local process unseal it, so the folder's ACL is what keeps users out.
 */
export class DpapiSecretStore implements SecretStore {
  readonly kind = "dpapi";
  readonly location: string;
  #dir: string;
  #run: CommandRunner;

  /** A store writing the sealed token to `path` inside folder `dir`. */
  constructor(dir: string, path: string, run: CommandRunner) {
    this.#dir = dir;
    this.location = path;
    this.#run = run;
  }

  async get(): Promise<string | undefined> {
    const sealed = await readTextIfExists(this.location);
    if (sealed === undefined) return undefined;

    const output = await this.#run(
      "powershell",
      powershellArgs(DPAPI_UNPROTECT_SCRIPT),
      { stdin: sealed },
    );
    if (output.code !== 0) {
      throw storeError(
        `DPAPI could not open "${this.location}"`,
        output.stderr,
      );
    }
    return output.stdout || undefined;
  }

  async set(secret: string): Promise<void> {
    const acl = await this.#run("icacls", restrictedAclArgs(this.#dir));
    if (acl.code !== 0) {
      throw storeError(`Cannot restrict access to "${this.#dir}"`, acl.stderr);
    }

    const output = await this.#run(
      "powershell",
      powershellArgs(DPAPI_PROTECT_SCRIPT),
      { stdin: secret },
    );
    if (output.code !== 0 || !output.stdout.trim()) {
      throw storeError("DPAPI could not seal the token", output.stderr);
    }
    await writeFileAtomic(this.location, output.stdout.trim());
  }

  async delete(): Promise<void> {
    await removeIfExists(this.location);
  }
}

/** Picks the store for `os`: a plain file whenever a state dir is set. */
export function selectSecretStore(
  os: AgentOs,
  paths: AgentPaths,
  run: CommandRunner,
  onFallback?: (reason: string) => void,
): SecretStore {
  if (paths.custom) {
    return new FileSecretStore(joinPath(os, paths.configDir, "agent-token"));
  }
  if (os === "darwin") return new KeychainSecretStore(run);
  if (os === "windows") {
    const path = joinPath(os, paths.configDir, "agent-token.dpapi");
    return new DpapiSecretStore(paths.configDir, path, run);
  }
  return new SystemdCredsSecretStore(paths.configDir, run, onFallback);
}

// Tokens are JWTs; anything else could break out of the `security -i`
// command line, so it is refused rather than quoted.
function assertPlainToken(secret: string) {
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(secret)) {
    throw new AgentError(
      "secret_store_failed",
      "The token has characters the keychain command line cannot carry",
    );
  }
}

function storeError(message: string, stderr: string) {
  const detail = lastLine(stderr);
  return new AgentError(
    "secret_store_failed",
    detail ? `${message}: ${detail}` : message,
  );
}

function lastLine(text: string): string {
  return text.trim().split(/\r?\n/).at(-1) ?? "";
}

async function removeIfExists(path: string) {
  await Deno.remove(path).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}
