import { assertEquals, assertMatch } from "../../tests/helpers/assert.ts";
import {
  assessSupport,
  EOS_TABLE_DATE,
  type OsIdentity,
  windowsEditionGroup,
} from "./end_of_support.ts";

const DEC_2026 = new Date("2026-12-03T12:00:00Z");

function windows(
  build: number,
  editionId = "Professional",
  installationType = "Client",
): OsIdentity {
  return { family: "windows", build, editionId, installationType };
}

function linux(
  id: string,
  versionId: string,
  more: Partial<Extract<OsIdentity, { family: "linux" }>> = {},
): OsIdentity {
  return { family: "linux", id, idLike: [], versionId, name: id, ...more };
}

Deno.test("EOS_TABLE_DATE is an ISO day", () => {
  assertMatch(EOS_TABLE_DATE, /^\d{4}-\d{2}-\d{2}$/);
});

Deno.test("assessSupport() ends Windows 10 22H2 Home/Pro after 2025-10-14 and its consumer ESU", () => {
  const result = assessSupport(windows(19045), DEC_2026);
  assertEquals(result.state, "ended");
  assertEquals(result.window?.end, "2025-10-14");
});

Deno.test("assessSupport() keeps Windows 10 22H2 supported on its last day", () => {
  const result = assessSupport(
    windows(19045),
    new Date("2025-10-14T20:00:00Z"),
  );
  assertEquals(result.state, "supported");
  assertEquals(result.daysLeft, 0);
});

Deno.test("assessSupport() puts Windows 10 22H2 Enterprise under paid ESU only", () => {
  const result = assessSupport(windows(19045, "Enterprise"), DEC_2026);
  assertEquals(result.state, "extended_only");
  assertMatch(result.summary, /Extended Security Updates/);
});

Deno.test("assessSupport() separates Windows 11 24H2 Pro (ended) from Enterprise (supported)", () => {
  assertEquals(assessSupport(windows(26100), DEC_2026).state, "ended");
  const enterprise = assessSupport(windows(26100, "Enterprise"), DEC_2026);
  assertEquals(enterprise.state, "supported");
  assertEquals(enterprise.window?.end, "2027-10-12");
});

Deno.test("assessSupport() supports Windows 11 25H2 and LTSC 2024", () => {
  assertEquals(assessSupport(windows(26200), DEC_2026).state, "supported");
  const ltsc = assessSupport(windows(26100, "EnterpriseS"), DEC_2026);
  assertEquals(ltsc.window?.end, "2029-10-09");
});

Deno.test("assessSupport() tells Windows Server 2019 from Windows 10 1809 by installation type", () => {
  const server = assessSupport(
    windows(17763, "ServerStandard", "Server Core"),
    DEC_2026,
  );
  assertEquals(server.state, "supported");
  assertEquals(server.window?.product, "Windows Server 2019");
  assertEquals(assessSupport(windows(17763), DEC_2026).state, "ended");
});

Deno.test("assessSupport() ends Windows Server 2012 R2 once its ESU ran out", () => {
  const result = assessSupport(
    windows(9600, "ServerDatacenter", "Server"),
    DEC_2026,
  );
  assertEquals(result.state, "ended");
});

Deno.test("assessSupport() does not guess about a Windows build it does not know", () => {
  const result = assessSupport(windows(28000), DEC_2026);
  assertEquals(result.state, "not_in_table");
  assertMatch(result.summary, /28000/);
});

Deno.test("windowsEditionGroup() groups editions by servicing length", () => {
  assertEquals(windowsEditionGroup("Core", "Client"), "consumer");
  assertEquals(
    windowsEditionGroup("ProfessionalWorkstation", "Client"),
    "consumer",
  );
  assertEquals(windowsEditionGroup("Education", "Client"), "enterprise");
  assertEquals(windowsEditionGroup("IoTEnterpriseS", "Client"), "iot_ltsc");
  assertEquals(windowsEditionGroup("EnterpriseS", "Client"), "ltsc");
  assertEquals(windowsEditionGroup("ServerStandard", "Server"), "server");
});

Deno.test("assessSupport() ends macOS 13 and supports macOS 15 with an estimate note", () => {
  const ventura = assessSupport(
    { family: "macos", productVersion: "13.7.1", buildVersion: "22H221" },
    DEC_2026,
  );
  assertEquals(ventura.state, "ended");
  const sequoia = assessSupport(
    { family: "macos", productVersion: "15.1", buildVersion: "24B83" },
    DEC_2026,
  );
  assertEquals(sequoia.state, "supported");
  assertMatch(sequoia.notes.join(" "), /estimates/);
});

Deno.test("assessSupport() treats a macOS beta build as a preview", () => {
  const result = assessSupport(
    { family: "macos", productVersion: "26.2", buildVersion: "25C5031i" },
    DEC_2026,
  );
  assertEquals(result.state, "preview");
});

Deno.test("assessSupport() reads macOS 10.x by its minor version", () => {
  const result = assessSupport(
    { family: "macos", productVersion: "10.15.7", buildVersion: "19H2026" },
    DEC_2026,
  );
  assertEquals(result.window?.product, "macOS 10.15 Catalina");
  assertEquals(result.state, "ended");
});

Deno.test("assessSupport() keeps Debian 12 supported through free Debian LTS", () => {
  const result = assessSupport(linux("debian", "12"), DEC_2026);
  assertEquals(result.state, "supported");
  assertMatch(result.summary, /Debian LTS until 2028-06-30/);
});

Deno.test("assessSupport() ends Debian 10 after its LTS", () => {
  assertEquals(assessSupport(linux("debian", "10"), DEC_2026).state, "ended");
});

Deno.test("assessSupport() calls Debian without VERSION_ID testing, a preview", () => {
  assertEquals(assessSupport(linux("debian", ""), DEC_2026).state, "preview");
});

Deno.test("assessSupport() puts Ubuntu 20.04 under ESM only and ends Ubuntu 25.04", () => {
  assertEquals(
    assessSupport(linux("ubuntu", "20.04"), DEC_2026).state,
    "extended_only",
  );
  assertEquals(
    assessSupport(linux("ubuntu", "25.04"), DEC_2026).state,
    "ended",
  );
  assertEquals(
    assessSupport(linux("ubuntu", "24.04"), DEC_2026).state,
    "supported",
  );
});

Deno.test("assessSupport() matches enterprise Linux on the major version", () => {
  const rocky = assessSupport(linux("rocky", "9.4"), DEC_2026);
  assertEquals(rocky.window?.product, "Rocky Linux 9");
  assertEquals(rocky.state, "supported");
  assertEquals(assessSupport(linux("centos", "7"), DEC_2026).state, "ended");
});

Deno.test("assessSupport() matches Alpine on major.minor", () => {
  const result = assessSupport(linux("alpine", "3.22.2"), DEC_2026);
  assertEquals(result.window?.product, "Alpine Linux 3.22");
});

Deno.test("assessSupport() judges Linux Mint by its Ubuntu base", () => {
  const mint = linux("linuxmint", "22", {
    idLike: ["ubuntu", "debian"],
    name: "Linux Mint",
    ubuntuCodename: "noble",
  });
  const result = assessSupport(mint, DEC_2026);
  assertEquals(result.state, "supported");
  assertEquals(result.window?.product, "Ubuntu 24.04 Noble Numbat LTS");
  assertMatch(result.notes[0], /judged by its base/);
});

Deno.test("assessSupport() reports rolling distributions as rolling", () => {
  assertEquals(assessSupport(linux("arch", ""), DEC_2026).state, "rolling");
});

Deno.test("assessSupport() reports an unknown distribution as not in the table", () => {
  assertEquals(
    assessSupport(linux("plan9", "4"), DEC_2026).state,
    "not_in_table",
  );
});

Deno.test("assessSupport() calls a release before its release day a preview", () => {
  const result = assessSupport(
    linux("ubuntu", "26.10"),
    new Date("2026-09-01T00:00:00Z"),
  );
  assertEquals(result.state, "preview");
});

Deno.test("assessSupport() puts SLES 15 SP6 under paid LTSS and notes Leap 16's estimate", () => {
  const sles = assessSupport(linux("sles", "15.6"), DEC_2026);
  assertEquals(sles.state, "extended_only");
  assertMatch(sles.summary, /Long Term Service Pack Support/);

  const leap = assessSupport(linux("opensuse-leap", "16.0"), DEC_2026);
  assertEquals(leap.state, "supported");
  assertMatch(leap.notes.join(" "), /estimates/);
});

Deno.test("assessSupport() knows Fedora 45 with an estimated end", () => {
  const result = assessSupport(linux("fedora", "45"), DEC_2026);
  assertEquals(result.state, "supported");
  assertEquals(result.window?.estimated, true);
});

Deno.test("assessSupport() gives IoT Enterprise LTSC its own ten years, else LTSC's", () => {
  const iot2024 = assessSupport(windows(26100, "IoTEnterpriseS"), DEC_2026);
  assertEquals(iot2024.window?.end, "2034-10-10");
  const iot2019 = assessSupport(windows(17763, "IoTEnterpriseS"), DEC_2026);
  assertEquals(iot2019.window?.product, "Windows 10 1809 (Enterprise LTSC)");
});
