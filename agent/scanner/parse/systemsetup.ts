/**
 * Parser of macOS `systemsetup` getters.
 *
 * @module
 */

/**
 * Parses `systemsetup -getremotelogin` ("Remote Login: On"). Null when the
 * line is missing, e.g. when the tool asks for administrator rights.
 */
export function parseRemoteLogin(stdout: string): boolean | null {
  const match = /^Remote Login:\s*(On|Off)\s*$/m.exec(stdout);
  return match ? match[1] === "On" : null;
}
