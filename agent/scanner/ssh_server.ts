/**
 * The OpenSSH server's effective settings.
 *
 * @module
 */
import {
  parseSshdConfig,
  parseSshdT,
  type SshdSettings,
} from "./parse/sshd_config.ts";
import { type Probe, type ProbeResult, succeeded } from "./probe.ts";
import { LINUX_FILES } from "./system_settings.ts";

/**
 * The SSH server's settings: `sshd -T` when it can run, otherwise the
 * configuration files with their includes.
 */
export async function sshdSettings(
  probe: Probe,
  program: string,
): Promise<ProbeResult<{ settings: SshdSettings; evidence: string[] }>> {
  const effective = succeeded(await probe.run(program, ["-T"]), "sshd -T");
  if (effective.ok) {
    const settings = parseSshdT(effective.value.stdout);
    if (settings.has("permitrootlogin")) {
      return { ok: true, value: { settings, evidence: ["Read with sshd -T"] } };
    }
  }

  // Configuration left behind by a removed server configures nothing.
  if (!effective.ok && effective.kind === "not_found") return effective;

  // Without root, sshd -T cannot load host keys; the files still tell.
  const files = await readSshdConfigFiles(probe);
  if (!files.ok) return files;
  return {
    ok: true,
    value: {
      settings: files.value.settings,
      evidence: [
        `Read from ${files.value.paths.join(", ")}` +
        (effective.ok ? "" : ` (sshd -T: ${effective.reason})`),
      ],
    },
  };
}

async function readSshdConfigFiles(
  probe: Probe,
): Promise<ProbeResult<{ settings: SshdSettings; paths: string[] }>> {
  const main = await probe.readFile(LINUX_FILES.sshdConfig);
  if (!main.ok) return main;

  const settings: SshdSettings = new Map();
  const paths: string[] = [LINUX_FILES.sshdConfig];
  const merge = (text: string) => {
    const parsed = parseSshdConfig(text);
    for (const [key, value] of parsed.settings) {
      if (!settings.has(key)) settings.set(key, value);
    }
    return parsed.includes;
  };

  // sshd reads an Include where it stands, so included files placed
  // before the main file's own settings take precedence.
  const parsed = parseSshdConfig(main.value);
  for (const pattern of parsed.includes) {
    for (const path of await expandInclude(probe, pattern)) {
      const text = await probe.readFile(path);
      if (!text.ok) continue;
      merge(text.value);
      paths.push(path);
    }
  }
  merge(main.value);
  return { ok: true, value: { settings, paths } };
}

async function expandInclude(probe: Probe, pattern: string): Promise<string[]> {
  const full = pattern.startsWith("/") ? pattern : `/etc/ssh/${pattern}`;
  const star = full.lastIndexOf("*");
  if (star === -1) return [full];

  const dir = full.slice(0, full.lastIndexOf("/"));
  const suffix = full.slice(star + 1);
  const listing = await probe.readDir(dir);
  if (!listing.ok) return [];
  return listing.value.filter((name) => name.endsWith(suffix))
    .map((name) => `${dir}/${name}`);
}
