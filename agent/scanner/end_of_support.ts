/**
 * The end-of-support table shipped with the scanner, and the lookup that
 * says whether an operating system still receives security fixes.
 *
 * Cyber Essentials requires every in-scope operating system to be supported
 * by its vendor. Vendors publish these dates (Microsoft's lifecycle pages,
 * Debian's and Ubuntu's release data, Red Hat's life cycle policy); Apple
 * announces none, so macOS dates follow Apple's practice of fixing only the
 * three newest major versions and are marked as estimates.
 *
 * The table is data with a date. A report says which table it relied on
 * (`eos_table_date`), so an assessor can tell an old verdict from a wrong one.
 *
 * @module
 */

/** The day this table was last brought up to date. */
export const EOS_TABLE_DATE = "2026-12-03";

/**
 * One release's support window. Dates are ISO days (`YYYY-MM-DD`), the last
 * day the vendor still publishes security fixes.
 */
export interface SupportWindow {
  /** What the release is called, e.g. "Windows 11 24H2 (Home, Pro)". */
  product: string;
  /** First day of general availability; before it the release is a preview. */
  released?: string;
  /** Last day of security fixes for everyone; null when not announced. */
  end: string | null;
  /**
   * Last day of fixes from a longer programme (Debian LTS, Ubuntu ESM,
   * Windows ESU, RHEL ELS) after `end`.
   */
  extendedEnd?: string;
  /** The longer programme's name. */
  extendedName?: string;
  /** True when that programme is free for every user (Debian LTS). */
  extendedFree?: boolean;
  /** True when the dates are the vendor's practice, not its announcement. */
  estimated?: boolean;
}

/** Which Windows servicing a build gets depends on its edition. */
export type WindowsEditionGroup =
  | "consumer"
  | "enterprise"
  | "ltsc"
  | "iot_ltsc"
  | "server";

/** A Windows build's windows, by edition group. */
interface WindowsBuild {
  build: number;
  name: string;
  windows: Partial<Record<WindowsEditionGroup, SupportWindow>>;
}

const WINDOWS_BUILDS: readonly WindowsBuild[] = [
  {
    build: 7601,
    name: "Windows 7 / Server 2008 R2",
    windows: {
      consumer: w("Windows 7", "2020-01-14"),
      enterprise: w("Windows 7", "2020-01-14", "2023-01-10", "ESU"),
      server: w("Windows Server 2008 R2", "2020-01-14", "2023-01-10", "ESU"),
    },
  },
  {
    build: 9200,
    name: "Windows 8 / Server 2012",
    windows: {
      consumer: w("Windows 8", "2016-01-12"),
      enterprise: w("Windows 8", "2016-01-12"),
      server: w("Windows Server 2012", "2023-10-10", "2026-10-13", "ESU"),
    },
  },
  {
    build: 9600,
    name: "Windows 8.1 / Server 2012 R2",
    windows: {
      consumer: w("Windows 8.1", "2023-01-10"),
      enterprise: w("Windows 8.1", "2023-01-10"),
      server: w("Windows Server 2012 R2", "2023-10-10", "2026-10-13", "ESU"),
    },
  },
  win10(10240, "1507", "2017-05-09", "2017-05-09", "2025-10-14"),
  win10(10586, "1511", "2017-10-10", "2018-04-10"),
  win10(14393, "1607", "2018-04-10", "2019-04-09", "2026-10-13", {
    server: w("Windows Server 2016", "2027-01-12"),
  }),
  win10(15063, "1703", "2018-10-09", "2019-10-08"),
  win10(16299, "1709", "2019-04-09", "2020-10-13"),
  win10(17134, "1803", "2019-11-12", "2021-05-11"),
  win10(17763, "1809", "2020-11-10", "2021-05-11", "2029-01-09", {
    server: w("Windows Server 2019", "2029-01-09"),
  }),
  win10(18362, "1903", "2020-12-08", "2020-12-08"),
  win10(18363, "1909", "2021-05-11", "2022-05-10"),
  win10(19041, "2004", "2021-12-14", "2021-12-14"),
  win10(19042, "20H2", "2022-05-10", "2023-05-09"),
  win10(19043, "21H1", "2022-12-13", "2022-12-13"),
  win10(19044, "21H2", "2023-06-13", "2024-06-11", "2027-01-12", {
    iot_ltsc: w("Windows 10 IoT Enterprise LTSC 2021", "2032-01-13"),
  }),
  {
    build: 19045,
    name: "Windows 10 22H2",
    windows: {
      consumer: w(
        "Windows 10 22H2 (Home, Pro)",
        "2025-10-14",
        "2026-10-13",
        "ESU",
      ),
      enterprise: w(
        "Windows 10 22H2 (Enterprise, Education)",
        "2025-10-14",
        "2028-10-10",
        "ESU",
      ),
    },
  },
  {
    build: 20348,
    name: "Windows Server 2022",
    windows: { server: w("Windows Server 2022", "2031-10-14") },
  },
  win11(22000, "21H2", "2023-10-10", "2024-10-08"),
  win11(22621, "22H2", "2024-10-08", "2025-10-14"),
  win11(22631, "23H2", "2025-11-11", "2026-11-10"),
  {
    build: 25398,
    name: "Windows Server 23H2",
    windows: { server: w("Windows Server 23H2", "2025-10-24") },
  },
  win11(26100, "24H2", "2026-10-13", "2027-10-12", "2029-10-09", {
    server: w("Windows Server 2025", "2034-10-10"),
    iot_ltsc: w("Windows 11 IoT Enterprise LTSC 2024", "2034-10-10"),
  }),
  win11(26200, "25H2", "2027-10-12", "2028-10-10"),
];

/** A macOS major version's window. */
interface MacosRelease {
  major: number;
  window: SupportWindow;
}

// Apple stops fixing a major version when the third newer one ships, so a
// version's end is that later release's date.
const MACOS_RELEASES: readonly MacosRelease[] = [
  mac(10.13, "macOS 10.13 High Sierra", "2020-11-12"),
  mac(10.14, "macOS 10.14 Mojave", "2021-10-25"),
  mac(10.15, "macOS 10.15 Catalina", "2022-10-24"),
  mac(11, "macOS 11 Big Sur", "2023-09-26"),
  mac(12, "macOS 12 Monterey", "2024-09-16"),
  mac(13, "macOS 13 Ventura", "2025-09-15"),
  mac(14, "macOS 14 Sonoma", "2026-09-15"),
  mac(15, "macOS 15 Sequoia", null),
  mac(26, "macOS 26 Tahoe", null),
  mac(27, "macOS 27", null),
];

/** A Linux release's window, keyed by os-release `ID` and `VERSION_ID`. */
interface LinuxRelease {
  id: string;
  /** `VERSION_ID`, or its major part for distributions that match on it. */
  version: string;
  window: SupportWindow;
}

/** Distributions whose releases match on the major part of `VERSION_ID`. */
const MATCH_MAJOR = new Set([
  "rhel",
  "rocky",
  "almalinux",
  "centos",
  "ol",
  "fedora",
  "debian",
]);

/** Distributions whose releases match on `major.minor` of `VERSION_ID`. */
const MATCH_MINOR = new Set(["alpine", "sles", "opensuse-leap"]);

/** Rolling distributions: always current while they are updated. */
const ROLLING_IDS = new Set([
  "arch",
  "manjaro",
  "endeavouros",
  "gentoo",
  "kali",
  "void",
  "opensuse-tumbleweed",
  "opensuse-slowroll",
]);

// Debian and Ubuntu dates come from Debian's distro-info-data 0.58+deb12u7
// (debian.csv, ubuntu.csv). Debian LTS is free and published in the normal
// security archive; Debian ELTS and Ubuntu ESM need a subscription.
const LINUX_RELEASES: readonly LinuxRelease[] = [
  debian("9", "Stretch", "2017-06-17", "2020-07-18", "2022-06-30"),
  debian("10", "Buster", "2019-07-06", "2022-09-10", "2024-06-30"),
  debian("11", "Bullseye", "2021-08-14", "2024-08-14", "2026-08-31"),
  debian("12", "Bookworm", "2023-06-10", "2026-07-11", "2028-06-30"),
  debian("13", "Trixie", "2025-08-09", "2028-08-09", "2030-06-30"),
  ubuntu("16.04", "Xenial Xerus LTS", "2016-04-21", "2021-04-30", "2026-04-23"),
  ubuntu(
    "18.04",
    "Bionic Beaver LTS",
    "2018-04-26",
    "2023-05-31",
    "2028-04-26",
  ),
  ubuntu("20.04", "Focal Fossa LTS", "2020-04-23", "2025-05-29", "2030-04-23"),
  ubuntu(
    "22.04",
    "Jammy Jellyfish LTS",
    "2022-04-21",
    "2027-06-01",
    "2032-04-21",
  ),
  ubuntu("23.10", "Mantic Minotaur", "2023-10-12", "2024-07-11"),
  ubuntu("24.04", "Noble Numbat LTS", "2024-04-25", "2029-05-31", "2034-04-25"),
  ubuntu("24.10", "Oracular Oriole", "2024-10-10", "2025-07-10"),
  ubuntu("25.04", "Plucky Puffin", "2025-04-17", "2026-01-15"),
  ubuntu("25.10", "Questing Quokka", "2025-10-09", "2026-07-09"),
  ubuntu(
    "26.04",
    "Resolute Raccoon LTS",
    "2026-04-23",
    "2031-05-29",
    "2036-04-23",
  ),
  ubuntu("26.10", "Stonking Stingray", "2026-10-15", "2027-07-15"),
  el("rhel", "7", "Red Hat Enterprise Linux 7", "2024-06-30", "2028-06-30"),
  el("rhel", "8", "Red Hat Enterprise Linux 8", "2029-05-31", "2032-05-31"),
  el("rhel", "9", "Red Hat Enterprise Linux 9", "2032-05-31", "2035-05-31"),
  el("rhel", "10", "Red Hat Enterprise Linux 10", "2035-05-31", "2038-05-31"),
  el("rocky", "8", "Rocky Linux 8", "2029-05-31"),
  el("rocky", "9", "Rocky Linux 9", "2032-05-31"),
  el("rocky", "10", "Rocky Linux 10", "2035-05-31"),
  el("almalinux", "8", "AlmaLinux 8", "2029-03-01"),
  el("almalinux", "9", "AlmaLinux 9", "2032-05-31"),
  el("almalinux", "10", "AlmaLinux 10", "2035-05-31"),
  el("ol", "7", "Oracle Linux 7", "2024-12-31", "2028-06-30"),
  el("ol", "8", "Oracle Linux 8", "2029-07-31"),
  el("ol", "9", "Oracle Linux 9", "2032-06-30"),
  el("centos", "7", "CentOS Linux 7", "2024-06-30"),
  el("centos", "8", "CentOS Linux 8 / CentOS Stream 8", "2024-05-31"),
  el("centos", "9", "CentOS Stream 9", "2027-05-31"),
  fedora("39", "2023-11-07", "2024-11-26"),
  fedora("40", "2024-04-23", "2025-05-13"),
  fedora("41", "2024-10-29", "2025-12-15"),
  fedora("42", "2025-04-15", "2026-05-13"),
  fedora("43", "2025-10-28", "2026-12-09", true),
  fedora("44", "2026-04-14", "2027-05-11", true),
  fedora("45", undefined, "2027-12-07", true),
  suse(
    "sles",
    "12.5",
    "SUSE Linux Enterprise Server 12 SP5",
    "2024-10-31",
    { ltssEnd: "2027-10-31" },
  ),
  suse(
    "sles",
    "15.4",
    "SUSE Linux Enterprise Server 15 SP4",
    "2023-12-31",
    { ltssEnd: "2026-12-31" },
  ),
  suse(
    "sles",
    "15.5",
    "SUSE Linux Enterprise Server 15 SP5",
    "2024-12-31",
    { ltssEnd: "2027-12-31" },
  ),
  suse(
    "sles",
    "15.6",
    "SUSE Linux Enterprise Server 15 SP6",
    "2025-12-31",
    { ltssEnd: "2028-12-31" },
  ),
  suse(
    "sles",
    "15.7",
    "SUSE Linux Enterprise Server 15 SP7",
    "2031-07-31",
    { ltssEnd: "2034-07-31" },
  ),
  suse("opensuse-leap", "15.5", "openSUSE Leap 15.5", "2024-12-31"),
  suse("opensuse-leap", "15.6", "openSUSE Leap 15.6", "2026-04-30"),
  suse("opensuse-leap", "16.0", "openSUSE Leap 16.0", "2027-10-31", {
    estimated: true,
  }),
  alpine("3.19", "2023-12-07", "2025-11-01"),
  alpine("3.20", "2024-05-22", "2026-04-01"),
  alpine("3.21", "2024-12-05", "2026-11-01"),
  alpine("3.22", "2025-05-30", "2027-05-01"),
  alpine("3.23", "2025-12-03", "2027-11-01"),
];

/** What the scanner knows about the operating system it must look up. */
export type OsIdentity =
  | {
    family: "windows";
    /** `CurrentBuild` from the registry. */
    build: number;
    /** `EditionID`, e.g. Professional, Enterprise, EnterpriseS. */
    editionId: string;
    /** `InstallationType`: Client, Server or Server Core. */
    installationType: string;
  }
  | {
    family: "macos";
    /** `sw_vers` ProductVersion, e.g. 15.1.1. */
    productVersion: string;
    /** `sw_vers` BuildVersion, e.g. 24B91; betas end in a letter. */
    buildVersion: string;
  }
  | {
    family: "linux";
    /** os-release `ID`. */
    id: string;
    /** os-release `ID_LIKE`, split on spaces. */
    idLike: readonly string[];
    /** os-release `VERSION_ID`; empty when the file has none. */
    versionId: string;
    /** os-release `NAME`. */
    name: string;
    /** os-release `UBUNTU_CODENAME`, set by Ubuntu's derivatives. */
    ubuntuCodename?: string;
  };

/** Where an operating system stands against the table. */
export type SupportState =
  | "supported"
  | "extended_only"
  | "ended"
  | "preview"
  | "rolling"
  | "not_in_table";

/** The verdict of {@linkcode assessSupport}, with the window it used. */
export interface SupportAssessment {
  state: SupportState;
  /** The release that was matched, when one was. */
  window?: SupportWindow;
  /** Days from `now` to the last day of fixes (negative once ended). */
  daysLeft?: number;
  /** One sentence for the report's `actual`. */
  summary: string;
  /** Extra facts for the report's evidence. */
  notes: string[];
}

/**
 * Finds the release an operating system is, in the shipped table.
 *
 * Returns the window and the notes the match needs (a derivative judged by
 * its base, an estimated date), or undefined when the table has no row.
 */
export function findSupportWindow(
  os: OsIdentity,
): { window: SupportWindow; notes: string[] } | undefined {
  if (os.family === "windows") return findWindows(os);
  if (os.family === "macos") return findMacos(os.productVersion);
  return findLinux(os);
}

/**
 * Says whether an operating system gets security fixes on a given day.
 *
 * A paid extension (ESU, ESM, ELS) is `extended_only`: the device may be
 * covered, but only a subscription proves it. A build the table does not
 * know is `not_in_table`, never supported.
 */
export function assessSupport(os: OsIdentity, now: Date): SupportAssessment {
  const preview = previewReason(os);
  if (preview) return { state: "preview", summary: preview, notes: [] };

  if (os.family === "linux" && isRolling(os)) {
    return {
      state: "rolling",
      summary: `${os.name} is a rolling release, current while it is updated`,
      notes: [],
    };
  }

  const found = findSupportWindow(os);
  if (!found) {
    return {
      state: "not_in_table",
      summary: `${describe(os)} is not in the end-of-support table of ` +
        EOS_TABLE_DATE,
      notes: [],
    };
  }
  return judgeWindow(found.window, found.notes, now);
}

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export function daysBetween(from: Date, toIsoDay: string): number {
  const end = Date.parse(`${toIsoDay}T23:59:59Z`);
  return Math.floor((end - from.getTime()) / 86_400_000);
}

/** A short name for an operating system, for messages. */
export function describe(os: OsIdentity): string {
  if (os.family === "windows") {
    return `Windows build ${os.build} (${os.editionId || "unknown edition"}, ` +
      `${os.installationType || "unknown type"})`;
  }
  if (os.family === "macos") {
    return `macOS ${os.productVersion} (${os.buildVersion})`;
  }
  return `${os.name || os.id} ${os.versionId}`.trim();
}

function judgeWindow(
  window: SupportWindow,
  notes: string[],
  now: Date,
): SupportAssessment {
  const allNotes = [...notes];
  if (window.estimated) {
    allNotes.push(
      `${window.product}: the vendor announces no date; the table estimates it`,
    );
  }

  if (window.released && now.getTime() < Date.parse(window.released)) {
    return {
      state: "preview",
      window,
      summary: `${window.product} is a preview: it is released on ` +
        window.released,
      notes: allNotes,
    };
  }
  if (window.end === null) {
    return {
      state: "supported",
      window,
      summary: `${window.product} is supported; no end date is announced`,
      notes: allNotes,
    };
  }

  const daysLeft = daysBetween(now, window.end);
  if (daysLeft >= 0) {
    return {
      state: "supported",
      window,
      daysLeft,
      summary: `${window.product} gets security fixes until ${window.end}`,
      notes: allNotes,
    };
  }
  return judgeExtended(window, allNotes, now, daysLeft);
}

function judgeExtended(
  window: SupportWindow,
  notes: string[],
  now: Date,
  daysLeft: number,
): SupportAssessment {
  const ended = `${window.product} stopped getting security fixes on ` +
    window.end;
  const extendedEnd = window.extendedEnd;
  if (!extendedEnd || daysBetween(now, extendedEnd) < 0) {
    const also = extendedEnd
      ? ` (${window.extendedName} ended ${extendedEnd})`
      : "";
    return {
      state: "ended",
      window,
      daysLeft,
      summary: ended + also,
      notes,
    };
  }

  const extendedDays = daysBetween(now, extendedEnd);
  if (window.extendedFree) {
    return {
      state: "supported",
      window,
      daysLeft: extendedDays,
      summary: `${window.product} gets security fixes from ` +
        `${window.extendedName} until ${extendedEnd}`,
      notes: [...notes, ended],
    };
  }
  return {
    state: "extended_only",
    window,
    daysLeft: extendedDays,
    summary: `${ended}; fixes continue until ${extendedEnd} only with a ` +
      `${window.extendedName} subscription`,
    notes,
  };
}

function previewReason(os: OsIdentity): string | undefined {
  // Apple's beta builds end in a lower-case letter (24A5264n); releases
  // end in a digit or an upper-case letter.
  if (os.family === "macos" && /[a-z]$/.test(os.buildVersion)) {
    return `macOS ${os.productVersion} build ${os.buildVersion} is a beta`;
  }
  if (os.family === "linux" && os.id === "debian" && os.versionId === "") {
    return `${os.name} without a release number is testing or unstable, ` +
      "which Debian's security team does not support";
  }
  return undefined;
}

function isRolling(os: Extract<OsIdentity, { family: "linux" }>): boolean {
  return ROLLING_IDS.has(os.id);
}

function findWindows(
  os: Extract<OsIdentity, { family: "windows" }>,
): { window: SupportWindow; notes: string[] } | undefined {
  const row = WINDOWS_BUILDS.find((b) => b.build === os.build);
  if (!row) return undefined;

  const group = windowsEditionGroup(os.editionId, os.installationType);
  const window = row.windows[group];
  if (window) return { window, notes: [] };

  // IoT LTSC without its own, longer row is serviced like LTSC; an LTSC
  // edition on a build without an LTSC release like that build's
  // Enterprise edition.
  const fallback = group === "iot_ltsc"
    ? row.windows.ltsc ?? row.windows.enterprise
    : group === "ltsc"
    ? row.windows.enterprise
    : undefined;
  return fallback ? { window: fallback, notes: [] } : undefined;
}

/**
 * The servicing group of a Windows edition: Home and Pro get 24 months per
 * feature update, Enterprise and Education 36, LTSC five to ten years, and
 * IoT LTSC ten.
 */
export function windowsEditionGroup(
  editionId: string,
  installationType: string,
): WindowsEditionGroup {
  if (installationType.startsWith("Server")) return "server";
  if (/^IoTEnterpriseS/.test(editionId)) return "iot_ltsc";
  if (/^EnterpriseS/.test(editionId)) return "ltsc";
  if (/^(Enterprise|Education|IoTEnterprise)/.test(editionId)) {
    return "enterprise";
  }
  return "consumer";
}

function findMacos(
  productVersion: string,
): { window: SupportWindow; notes: string[] } | undefined {
  const [major, minor] = productVersion.split(".").map(Number);
  const key = major === 10 ? Number(`10.${minor}`) : major;
  const row = MACOS_RELEASES.find((r) => r.major === key);
  return row ? { window: row.window, notes: [] } : undefined;
}

function findLinux(
  os: Extract<OsIdentity, { family: "linux" }>,
): { window: SupportWindow; notes: string[] } | undefined {
  const own = findLinuxRow(os.id, os.versionId);
  if (own) return { window: own.window, notes: [] };

  const base = findLinuxBase(os);
  if (!base) return undefined;
  return {
    window: base.window,
    notes: [
      `${os.name || os.id} is judged by its base, ${base.window.product}`,
    ],
  };
}

function findLinuxRow(
  id: string,
  versionId: string,
): LinuxRelease | undefined {
  const version = releaseVersion(id, versionId);
  return LINUX_RELEASES.find((r) => r.id === id && r.version === version);
}

// Enterprise distributions move between minor releases with ordinary
// updates, so only the major number names a supported release; Alpine's
// patch number (3.20.3) is likewise part of one release branch.
function releaseVersion(id: string, versionId: string): string {
  const parts = versionId.split(".");
  if (MATCH_MAJOR.has(id)) return parts[0];
  if (MATCH_MINOR.has(id)) return parts.slice(0, 2).join(".");
  return versionId;
}

// Derivatives (Linux Mint, Pop!_OS, Kali...) name their base in ID_LIKE;
// Ubuntu's derivatives also give the base release's codename.
function findLinuxBase(
  os: Extract<OsIdentity, { family: "linux" }>,
): LinuxRelease | undefined {
  if (os.idLike.includes("ubuntu") && os.ubuntuCodename) {
    const codename = os.ubuntuCodename.toLowerCase();
    return LINUX_RELEASES.find((r) =>
      r.id === "ubuntu" &&
      r.window.product.toLowerCase().includes(codename)
    );
  }
  for (const like of ["rhel", "debian", "fedora"]) {
    const row = os.idLike.includes(like)
      ? findLinuxRow(like, os.versionId)
      : undefined;
    if (row) return row;
  }
  return undefined;
}

function w(
  product: string,
  end: string | null,
  extendedEnd?: string,
  extendedName?: string,
): SupportWindow {
  const window: SupportWindow = { product, end };
  if (extendedEnd) {
    window.extendedEnd = extendedEnd;
    window.extendedName = extendedName === "ESU"
      ? "Extended Security Updates"
      : extendedName;
  }
  return window;
}

function win10(
  build: number,
  version: string,
  consumerEnd: string,
  enterpriseEnd: string,
  ltscEnd?: string,
  more: WindowsBuild["windows"] = {},
): WindowsBuild {
  const name = `Windows 10 ${version}`;
  const windows: WindowsBuild["windows"] = {
    consumer: w(`${name} (Home, Pro)`, consumerEnd),
    enterprise: w(`${name} (Enterprise, Education)`, enterpriseEnd),
  };
  if (ltscEnd) windows.ltsc = w(`${name} (Enterprise LTSC)`, ltscEnd);
  return { build, name, windows: { ...windows, ...more } };
}

function win11(
  build: number,
  version: string,
  consumerEnd: string,
  enterpriseEnd: string,
  ltscEnd?: string,
  more: WindowsBuild["windows"] = {},
): WindowsBuild {
  const name = `Windows 11 ${version}`;
  const windows: WindowsBuild["windows"] = {
    consumer: w(`${name} (Home, Pro)`, consumerEnd),
    enterprise: w(`${name} (Enterprise, Education)`, enterpriseEnd),
  };
  if (ltscEnd) windows.ltsc = w(`${name} (Enterprise LTSC)`, ltscEnd);
  return { build, name, windows: { ...windows, ...more } };
}

function mac(
  major: number,
  product: string,
  end: string | null,
): MacosRelease {
  return { major, window: { product, end, estimated: true } };
}

function debian(
  version: string,
  codename: string,
  released: string,
  end: string,
  ltsEnd: string,
): LinuxRelease {
  return {
    id: "debian",
    version,
    window: {
      product: `Debian ${version} ${codename}`,
      released,
      end,
      extendedEnd: ltsEnd,
      extendedName: "Debian LTS",
      extendedFree: true,
    },
  };
}

function ubuntu(
  version: string,
  codename: string,
  released: string,
  end: string,
  esmEnd?: string,
): LinuxRelease {
  const window: SupportWindow = {
    product: `Ubuntu ${version} ${codename}`,
    released,
    end,
  };
  if (esmEnd) {
    window.extendedEnd = esmEnd;
    window.extendedName = "Ubuntu Pro (ESM)";
  }
  return { id: "ubuntu", version, window };
}

function el(
  id: string,
  major: string,
  product: string,
  end: string,
  extendedEnd?: string,
): LinuxRelease {
  const window: SupportWindow = { product, end };
  if (extendedEnd) {
    window.extendedEnd = extendedEnd;
    window.extendedName = "Extended Life-cycle Support";
  }
  return { id, version: major, window };
}

function fedora(
  version: string,
  released: string | undefined,
  end: string,
  estimated = false,
): LinuxRelease {
  const window: SupportWindow = { product: `Fedora Linux ${version}`, end };
  if (released) window.released = released;
  if (estimated) window.estimated = true;
  return { id: "fedora", version, window };
}

function suse(
  id: string,
  version: string,
  product: string,
  end: string,
  more: { ltssEnd?: string; estimated?: boolean } = {},
): LinuxRelease {
  const window: SupportWindow = { product, end };
  if (more.ltssEnd) {
    window.extendedEnd = more.ltssEnd;
    window.extendedName = "Long Term Service Pack Support";
  }
  if (more.estimated) window.estimated = true;
  return { id, version, window };
}

function alpine(
  version: string,
  released: string,
  end: string,
): LinuxRelease {
  return {
    id: "alpine",
    version,
    window: { product: `Alpine Linux ${version}`, released, end },
  };
}
