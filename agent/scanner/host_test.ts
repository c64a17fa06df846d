import assert from "node:assert/strict";
import {
  parseOsRelease,
  parseWindowsVersion,
  readHostInfo,
  toHostFacts,
  WINDOWS_VERSION_SCRIPT,
} from "./host.ts";
import { commandKey, POWERSHELL, powershellArgs } from "./probe.ts";
import { RecordedProbe } from "./recorded_probe.ts";

Deno.test("parseOsRelease() unquotes values and skips comments", () => {
  const fields = parseOsRelease(
    '# comment\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n' +
      'ID_LIKE=debian\nPRETTY_NAME=\'Ubuntu 24.04.1 LTS\'\nX="a \\"b\\""\n',
  );

  assert.equal(fields.NAME, "Ubuntu");
  assert.equal(fields.VERSION_ID, "24.04");
  assert.equal(fields.PRETTY_NAME, "Ubuntu 24.04.1 LTS");
  assert.equal(fields.X, 'a "b"');
});

Deno.test("parseWindowsVersion() names Windows 11 though the registry says 10", () => {
  const facts = parseWindowsVersion(
    '{\r\n    "ProductName":  "Windows 10 Pro",\r\n    "DisplayVersion":  "23H2",\r\n' +
      '    "ReleaseId":  "2009",\r\n    "CurrentBuild":  "22631",\r\n    "UBR":  4460,\r\n' +
      '    "EditionID":  "Professional",\r\n    "InstallationType":  "Client"\r\n}\r\n',
  );

  assert.equal(facts?.osName, "Windows 11 Pro");
  assert.equal(facts?.osVersion, "10.0.22631.4460");
  assert.equal(facts?.displayVersion, "23H2");
  assert.equal(facts?.isServer, false);
});

Deno.test("parseWindowsVersion() returns null for output that is not JSON", () => {
  assert.equal(parseWindowsVersion("Get-ItemProperty : Access denied"), null);
});

Deno.test("readHostInfo() on Linux reads os-release and finds a desktop", async () => {
  const probe = new RecordedProbe("linux", {
    files: {
      "/etc/os-release":
        'PRETTY_NAME="Fedora Linux 41 (Workstation Edition)"\nID=fedora\nVERSION_ID=41\n',
    },
    dirs: { "/usr/share/wayland-sessions": ["gnome.desktop"] },
    runtime: { hostname: "ws-12", kernel: "6.11.4-301.fc41.x86_64" },
  });
  const host = await readHostInfo(probe, "linux");

  assert.equal(host.osName, "Fedora Linux 41 (Workstation Edition)");
  assert.equal(host.osId, "fedora");
  assert.equal(host.hasDesktop, true);
  assert.deepEqual(toHostFacts(host), {
    hostname: "ws-12",
    os_name: "Fedora Linux 41 (Workstation Edition)",
    os_version: "41",
    kernel: "6.11.4-301.fc41.x86_64",
    arch: "x86_64",
    is_server: false,
  });
});

Deno.test("readHostInfo() on Linux falls back to /usr/lib/os-release", async () => {
  const probe = new RecordedProbe("linux", {
    files: { "/usr/lib/os-release": "ID=debian\nVERSION_ID=12\n" },
  });
  const host = await readHostInfo(probe, "linux");

  assert.equal(host.osId, "debian");
  assert.equal(host.isServer, true);
});

Deno.test("readHostInfo() on macOS reads sw_vers", async () => {
  const probe = new RecordedProbe("darwin", {
    commands: {
      sw_vers: {
        stdout:
          "ProductName:\t\tmacOS\nProductVersion:\t\t15.1.1\nBuildVersion:\t\t24B91\n",
      },
    },
  });
  const host = await readHostInfo(probe, "darwin");

  assert.equal(host.osName, "macOS");
  assert.equal(host.osVersion, "15.1.1");
  assert.equal(host.build, "24B91");
});

Deno.test("readHostInfo() on Windows keeps going when PowerShell fails", async () => {
  const probe = new RecordedProbe("windows", {
    commands: {
      [commandKey(POWERSHELL, powershellArgs(WINDOWS_VERSION_SCRIPT))]: {
        failure: "timeout",
      },
    },
  });
  const host = await readHostInfo(probe, "windows");

  assert.equal(host.osName, "Windows");
  assert.match(host.evidence[0], /unreadable/);
});
