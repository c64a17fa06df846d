import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import {
  isSecurityOrigin,
  parseAptSimulation,
  parseDnfSecurityList,
  parseReleaseHeader,
  parseSoftwareUpdateList,
} from "./package_updates.ts";

Deno.test("parseAptSimulation() reads Inst lines with several origins", () => {
  const upgrades = parseAptSimulation(
    "Inst libgcrypt20 [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, " +
      "Debian-Security:12/oldstable-security [amd64])\n" +
      "Inst base-files [12.4+deb12u11] (12.4+deb12u15 Debian:12.15/oldstable [amd64])\n" +
      "Inst liblzma-dev [5.4.1-1] (5.4.1-1+deb12u2 " +
      "Debian-Security:12/oldstable-security [amd64]) []\n" +
      "Inst newpkg (1.0 Debian:12.15/oldstable [all])\n" +
      "Conf base-files (12.4+deb12u15 Debian:12.15/oldstable [amd64])\n",
  );
  assert.deepEqual(upgrades.map((u) => [u.name, u.from, u.to, u.security]), [
    ["libgcrypt20", "1.10.1-3", "1.10.1-3+deb12u1", true],
    ["base-files", "12.4+deb12u11", "12.4+deb12u15", false],
    ["liblzma-dev", "5.4.1-1", "5.4.1-1+deb12u2", true],
    ["newpkg", undefined, "1.0", false],
  ]);
});

Deno.test("parseAptSimulation() counts a real Debian 12 simulation", () => {
  const upgrades = parseAptSimulation(
    fixture("linux", "updates_apt_simulate_debian12.txt"),
  );
  assert.equal(upgrades.length, 120);
  assert.equal(upgrades.filter((u) => u.security).length, 78);
});

Deno.test("isSecurityOrigin() accepts Debian and Ubuntu security suites only", () => {
  assert.ok(isSecurityOrigin("Ubuntu:24.04/noble-security"));
  assert.ok(isSecurityOrigin("UbuntuESM:22.04/jammy-infra-security"));
  assert.ok(!isSecurityOrigin("Ubuntu:24.04/noble-updates"));
  assert.ok(!isSecurityOrigin("Debian:12.15/oldstable"));
});

Deno.test("parseDnfSecurityList() reads dnf 4 and dnf 5 listings", () => {
  const v4 = parseDnfSecurityList(
    fixture("linux", "updates_dnf4_security.txt"),
  );
  assert.deepEqual(v4.map((a) => a.severity), [
    "Important",
    "Important",
    "Moderate",
    "Low",
  ]);
  assert.equal(v4[0].issued, undefined);

  const v5 = parseDnfSecurityList(
    fixture("linux", "updates_dnf5_security.txt"),
  );
  assert.equal(v5.length, 3);
  assert.equal(v5[0].issued?.toISOString(), "2026-11-02T01:12:44.000Z");
  assert.equal(v5[2].severity, "None");
});

// dnf 5 on Fedora 40, printed to a narrow terminal: the table cuts the
// type to "secu" and the severity to "Importan".
Deno.test("parseDnfSecurityList() restores dnf 5 columns cut to fit a terminal", () => {
  const advisories = parseDnfSecurityList(
    fixture("linux", "updates_dnf5_security_narrow.txt"),
  );
  assert.deepEqual(advisories.map((a) => [a.id, a.severity]), [
    ["FEDORA-2026-3f1a9c0e2b", "Important"],
    ["FEDORA-2026-77b20d41aa", "Moderate"],
    ["FEDORA-2026-9d0c3e7f11", "None"],
  ]);
});

// dnf 4 prints "Unknown/Sec." for a security advisory without a severity.
Deno.test("parseDnfSecurityList() keeps dnf 4 advisories of unknown severity", () => {
  const advisories = parseDnfSecurityList(
    "FEDORA-2026-5be2a1c9d0 Unknown/Sec.   " +
      "python3-urllib3-2.2.3-1.fc41.noarch\n",
  );
  assert.deepEqual(advisories, [{
    id: "FEDORA-2026-5be2a1c9d0",
    severity: "Unknown",
    package: "python3-urllib3-2.2.3-1.fc41.noarch",
  }]);
});

Deno.test("parseSoftwareUpdateList() reads labels, titles and the recommended flag", () => {
  const list = parseSoftwareUpdateList(
    fixture("darwin", "updates_softwareupdate_list_pending.txt"),
  );
  assert.equal(list.none, false);
  assert.deepEqual(
    list.updates.map((u) => [u.title, u.version, u.recommended, u.action]),
    [
      ["macOS Sequoia 15.7.2", "15.7.2", true, "restart"],
      ["Safari", "26.1", true, undefined],
      ["Command Line Tools for Xcode", "26.1", false, undefined],
    ],
  );
  assert.equal(
    parseSoftwareUpdateList("No new software available.\n").none,
    true,
  );
});

Deno.test("parseReleaseHeader() reads Suite and Date inside the PGP armour", () => {
  const header = parseReleaseHeader(
    fixture("linux", "updates_apt_inrelease_bookworm_security.txt"),
  );
  assert.equal(header?.suite, "oldstable-security");
  assert.equal(header?.date?.toISOString(), "2026-12-01T19:40:00.000Z");
  assert.equal(parseReleaseHeader("Origin: Debian\n"), undefined);
});
