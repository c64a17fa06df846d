/**
 * GNOME settings read on this Linux machine for another account, the way a
 * scan run as root reads the settings of the person at the console: dconf
 * reads that account's database file itself, so pointing `gsettings` at
 * their home folder is enough, with no session bus.
 *
 * Each fake account is a temporary home folder holding a compiled dconf
 * user database, so the machine's accounts are untouched.
 *
 * Needs `gsettings`, `dconf` and the GNOME desktop schemas. Outside CI a
 * machine without them skips these tests with a message; with `CI=true`
 * they fail.
 */
import { assertEquals } from "./helpers/assert.ts";
import { createSystemProbe } from "../agent/scanner/probe.ts";
import {
  consoleOwner,
  gsettingsGet,
} from "../agent/scanner/system_settings.ts";

const SCHEMA = "org.gnome.desktop.screensaver";

const missing = await missingRequirements();
const inCi = Deno.env.get("CI") === "true";
if (missing.length > 0 && !inCi) {
  console.warn(`Skipping console settings tests: ${missing.join(", ")}`);
}

async function missingRequirements(): Promise<string[]> {
  if (Deno.build.os !== "linux") return ["not Linux"];
  const missing: string[] = [];
  for (const tool of ["gsettings", "dconf"]) {
    if (!(await succeeds("sh", ["-c", `command -v ${tool}`]))) {
      missing.push(`${tool} not installed`);
    }
  }
  if (!(await succeeds("gsettings", ["list-keys", SCHEMA]))) {
    missing.push(`schema ${SCHEMA} not installed`);
  }
  return missing;
}

async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const output = await new Deno.Command(command, {
      args,
      stdout: "null",
      stderr: "null",
    }).output();
    return output.success;
  } catch {
    return false;
  }
}

/** A home folder whose dconf database sets `lock-enabled`. */
async function homeWithLock(enabled: boolean): Promise<string> {
  const home = await Deno.makeTempDir({ prefix: "cefleet-home-" });
  const keyfiles = await Deno.makeTempDir({ prefix: "cefleet-keyfiles-" });
  await Deno.writeTextFile(
    `${keyfiles}/user`,
    `[org/gnome/desktop/screensaver]\nlock-enabled=${enabled}\n`,
  );
  await Deno.mkdir(`${home}/.config/dconf`, { recursive: true });
  const compiled = await new Deno.Command("dconf", {
    args: ["compile", `${home}/.config/dconf/user`, keyfiles],
  }).output();
  await Deno.remove(keyfiles, { recursive: true });
  if (!compiled.success) throw new Error("dconf compile failed");
  return home;
}

Deno.test({
  name: "gsettings pointed at two accounts' homes reads each one's own value",
  ignore: missing.length > 0 && !inCi,
  async fn() {
    if (missing.length > 0) {
      throw new Error(`CI must run the console settings tests: ${missing}`);
    }
    const lockedHome = await homeWithLock(true);
    const unlockedHome = await homeWithLock(false);
    try {
      const probe = createSystemProbe();
      const locked = await gsettingsGet(
        probe,
        SCHEMA,
        "lock-enabled",
        consoleOwner("alice", lockedHome),
      );
      const unlocked = await gsettingsGet(
        probe,
        SCHEMA,
        "lock-enabled",
        consoleOwner("bob", unlockedHome),
      );

      assertEquals(locked, { ok: true, value: "true" });
      assertEquals(unlocked, { ok: true, value: "false" });
    } finally {
      await Deno.remove(lockedHome, { recursive: true });
      await Deno.remove(unlockedHome, { recursive: true });
    }
  },
});
