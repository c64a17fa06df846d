/**
 * Parsers for the pending-update lists of package managers: `apt-get -s`
 * (Debian, Ubuntu), `dnf updateinfo list --security` (dnf 4 and dnf 5) and
 * macOS `softwareupdate -l`.
 *
 * @module
 */

/** A package upgrade `apt-get -s` would install. */
export interface AptUpgrade {
  name: string;
  /** Installed version; undefined for a new package. */
  from?: string;
  to: string;
  /** Where the new version comes from (`Debian-Security:12/stable-security`). */
  origins: string[];
  /** True when an origin is a security archive. */
  security: boolean;
}

// Inst libssl3 [3.0.11-1~deb12u1]
//   (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
const APT_INST =
  /^Inst (\S+)(?: \[([^\]]*)\])? \((\S+) (.*?) \[[^\]]+\]\)(?: \[.*\])?\s*$/;

/** Parses the `Inst` lines of `apt-get -s upgrade` or `dist-upgrade`. */
export function parseAptSimulation(text: string): AptUpgrade[] {
  const upgrades: AptUpgrade[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = APT_INST.exec(line);
    if (!m) continue;

    const origins = m[4].split(",").map((o) => o.trim()).filter(Boolean);
    const upgrade: AptUpgrade = {
      name: m[1],
      to: m[3],
      origins,
      security: origins.some(isSecurityOrigin),
    };
    if (m[2] !== undefined) upgrade.from = m[2];
    upgrades.push(upgrade);
  }
  return upgrades;
}

/**
 * Whether an apt origin (`Label:Version/Archive`) is a security archive:
 * Debian's and Ubuntu's security suites end in `-security`.
 */
export function isSecurityOrigin(origin: string): boolean {
  const slash = origin.lastIndexOf("/");
  const archive = slash === -1 ? "" : origin.slice(slash + 1);
  const label = origin.split(":")[0];
  return archive.endsWith("-security") || label === "Debian-Security";
}

/** One security advisory with an update pending, from dnf. */
export interface DnfAdvisory {
  id: string;
  /** `Critical`, `Important`, `Moderate`, `Low`, or `None`/`Unknown`. */
  severity: string;
  package: string;
  /** When the advisory was issued; only dnf 5 prints it. */
  issued?: Date;
}

// dnf 4: FEDORA-2024-1f6c7d4b0f Moderate/Sec.  curl-8.6.0-8.fc40.x86_64
const DNF4_LINE = /^(\S+)\s+([A-Za-z]+)\/Sec\.\s+(\S+)\s*$/;
// dnf 5: FEDORA-2024-1f6c7d4b0f security Moderate
//   curl-8.6.0-8.fc40.x86_64 2024-04-10 01:03:17
// Its table shrinks columns to fit a terminal, cutting words short
// ("secu", "Importan"), so the type and severity may be prefixes.
const DNF5_LINE = new RegExp(
  String.raw`^(\S+)\s+secu[a-z]*\s+(\S+)\s+(\S+)\s+` +
    String.raw`(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\s*$`,
);

const DNF_SEVERITIES = ["Critical", "Important", "Moderate", "Low", "None"];

// A severity cut short by dnf 5's table is restored from its prefix.
function dnfSeverity(word: string): string {
  const whole = DNF_SEVERITIES.find((s) =>
    word.length >= 3 && s.startsWith(word)
  );
  return whole ?? word;
}

/** Parses `dnf updateinfo list --security` from dnf 4 or dnf 5. */
export function parseDnfSecurityList(text: string): DnfAdvisory[] {
  const advisories: DnfAdvisory[] = [];
  for (const line of text.split(/\r?\n/)) {
    const v5 = DNF5_LINE.exec(line);
    if (v5) {
      advisories.push({
        id: v5[1],
        severity: dnfSeverity(v5[2]),
        package: v5[3],
        issued: new Date(`${v5[4]}T${v5[5]}Z`),
      });
      continue;
    }
    const v4 = DNF4_LINE.exec(line);
    if (v4) advisories.push({ id: v4[1], severity: v4[2], package: v4[3] });
  }
  return advisories;
}

/** One update `softwareupdate -l` offers. */
export interface MacUpdate {
  label: string;
  title: string;
  version?: string;
  recommended: boolean;
  /** `restart`, `shut down`, or undefined when none is needed. */
  action?: string;
}

/** What `softwareupdate -l` said. */
export interface MacUpdateList {
  updates: MacUpdate[];
  /** True when it said there is nothing to install. */
  none: boolean;
}

/**
 * Parses `softwareupdate -l` (macOS 10.15 and later): each update is a
 * `* Label:` line followed by a tab-indented `Title: ..., Version: ...`
 * line. Pass stdout and stderr together: the "No new software available"
 * line goes to stderr.
 */
export function parseSoftwareUpdateList(text: string): MacUpdateList {
  const lines = text.split(/\r?\n/);
  const updates: MacUpdate[] = [];

  for (let i = 0; i < lines.length; i++) {
    const label = /^\* Label: (.+?)\s*$/.exec(lines[i]);
    if (!label) continue;

    const fields = commaFields(lines[i + 1] ?? "");
    const update: MacUpdate = {
      label: label[1],
      title: fields.get("Title") ?? label[1],
      recommended: fields.get("Recommended") === "YES",
    };
    if (fields.has("Version")) update.version = fields.get("Version");
    if (fields.has("Action")) update.action = fields.get("Action");
    updates.push(update);
  }

  const none = lines.some((l) => l.trim() === "No new software available.");
  return { updates, none };
}

function commaFields(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of line.trim().split(/,\s*/)) {
    const m = /^([A-Za-z]+): (.*)$/.exec(part);
    if (m) fields.set(m[1], m[2].trim());
  }
  return fields;
}

/** A patch zypper lists as needed. */
export interface ZypperPatch {
  name: string;
  category: string;
  /** `critical`, `important`, `moderate`, `low` or `unspecified`. */
  severity: string;
  status: string;
  /** When the patch was issued, where zypper prints `<issue-date>`. */
  issued?: Date;
}

/**
 * Parses the `<update>` elements of `zypper --xmlout list-patches`: their
 * attributes, and the `<issue-date time="...">` inside each. Patches in a
 * `<blocked-update-list>` (held back until zypper updates itself) are
 * included: they are still missing.
 */
export function parseZypperPatches(xml: string): ZypperPatch[] {
  const patches: ZypperPatch[] = [];
  const updates = xml.matchAll(
    /<update\s([^>]*?)\/?>((?:(?!<update\s)[\s\S])*?<\/update>)?/g,
  );
  for (const [, attributeText, body] of updates) {
    const attributes = new Map<string, string>();
    for (const attr of attributeText.matchAll(/([\w-]+)="([^"]*)"/g)) {
      attributes.set(attr[1], attr[2]);
    }
    if (attributes.get("kind") !== "patch") continue;

    const patch: ZypperPatch = {
      name: attributes.get("name") ?? "",
      category: attributes.get("category") ?? "",
      severity: attributes.get("severity") ?? "unspecified",
      status: attributes.get("status") ?? "",
    };
    const issued = /<issue-date\s+time="(\d+)"/.exec(body ?? "");
    if (issued) patch.issued = new Date(Number(issued[1]) * 1000);
    patches.push(patch);
  }
  return patches;
}

/** The fields of an apt `Release`/`InRelease` file the checks use. */
export interface ReleaseHeader {
  suite: string;
  date?: Date;
}

/**
 * Reads `Suite:` and `Date:` from an apt Release or InRelease file; the
 * PGP armour around an InRelease file is skipped.
 */
export function parseReleaseHeader(text: string): ReleaseHeader | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    // The per-file checksum lists that follow are indented; stop there.
    if (/^(MD5Sum|SHA1|SHA256|SHA512):/.test(line)) break;
    const m = /^([A-Za-z-]+): (.*)$/.exec(line);
    if (m) fields.set(m[1], m[2].trim());
  }

  const suite = fields.get("Suite");
  if (!suite) return undefined;
  const parsed = Date.parse(fields.get("Date") ?? "");
  return Number.isNaN(parsed) ? { suite } : { suite, date: new Date(parsed) };
}
