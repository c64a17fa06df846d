import assert from "node:assert/strict";
import { Logger } from "./log.ts";
import { resolvePaths } from "./paths.ts";
import {
  installService,
  LAUNCHD_LABEL,
  launchdPlist,
  systemdQuote,
  systemdUnit,
  uninstallService,
  windowsQuote,
  windowsTaskXml,
} from "./service.ts";
import { recordedRunner } from "./testdata/fake_runner.ts";

const logger = new Logger({ console: null });

Deno.test("systemdUnit() starts the daemon and does not restart a refused token", () => {
  const unit = systemdUnit(["/usr/local/bin/cefleet-agent", "run"]);
  assert.match(unit, /^ExecStart=\/usr\/local\/bin\/cefleet-agent run$/m);
  assert.match(unit, /^Restart=on-failure$/m);
  assert.match(unit, /^RestartPreventExitStatus=4$/m);
  assert.match(unit, /^WantedBy=multi-user.target$/m);
});

Deno.test("systemdQuote() keeps spaces, % and $ literal", () => {
  assert.equal(systemdQuote("/opt/my agent/bin"), '"/opt/my agent/bin"');
  assert.equal(systemdQuote("100%"), "100%%");
  assert.equal(systemdQuote("$HOME"), '"$$HOME"');
});

Deno.test("launchdPlist() runs the daemon at load and keeps it alive", () => {
  const plist = launchdPlist(
    ["/usr/local/bin/cefleet-agent", "run"],
    "/Library/Application Support/cefleet/logs",
  );
  assert.match(plist, new RegExp(`<string>${LAUNCHD_LABEL}</string>`));
  assert.match(
    plist,
    /<string>\/usr\/local\/bin\/cefleet-agent<\/string>\n\s+<string>run<\/string>/,
  );
  assert.match(plist, /<key>RunAtLoad<\/key>\n\s+<true\/>/);
});

Deno.test("windowsTaskXml() runs at boot as SYSTEM with no time limit", () => {
  const xml = windowsTaskXml([
    "C:\\Program Files\\cefleet\\cefleet-agent.exe",
    "run",
    "--state-dir",
    "D:\\cefleet data",
  ]);
  assert.match(xml, /<UserId>S-1-5-18<\/UserId>/);
  assert.match(xml, /<BootTrigger>/);
  assert.match(xml, /<ExecutionTimeLimit>PT0S<\/ExecutionTimeLimit>/);
  assert.match(
    xml,
    /<Command>C:\\Program Files\\cefleet\\cefleet-agent.exe<\/Command>/,
  );
  assert.match(
    xml,
    /<Arguments>run --state-dir &quot;D:\\cefleet data&quot;<\/Arguments>/,
  );
});

Deno.test("windowsQuote() follows the Windows command-line rules", () => {
  assert.equal(windowsQuote("run"), "run");
  assert.equal(windowsQuote("C:\\a b\\"), '"C:\\a b\\\\"');
  assert.equal(windowsQuote('say "hi"'), '"say \\"hi\\""');
});

Deno.test("installService() on macOS writes the plist and bootstraps it", async () => {
  const root = await Deno.makeTempDir();
  const path = `${root}/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`;
  const runner = recordedRunner([
    { command: "launchctl", args: ["bootstrap", "system", path], output: {} },
    {
      command: "launchctl",
      args: ["bootout", `system/${LAUNCHD_LABEL}`],
      output: {},
    },
  ]);
  const context = {
    os: "darwin" as const,
    paths: resolvePaths("darwin"),
    run: runner.run,
    logger,
    root,
    manage: true,
  };

  await installService(context, ["/usr/local/bin/cefleet-agent", "run"]);
  assert.match(await Deno.readTextFile(path), /cefleet-agent/);
  await uninstallService(context);

  runner.assertDone();
  await assert.rejects(Deno.stat(path), Deno.errors.NotFound);
});

Deno.test("installService() on Windows registers a SYSTEM task from UTF-16 XML", async () => {
  const root = await Deno.makeTempDir();
  const path = `${root}/service-task.xml`;
  const runner = recordedRunner([
    {
      command: "icacls",
      args: [
        "C:\\ProgramData\\cefleet",
        "/inheritance:r",
        "/grant:r",
        "*S-1-5-18:(OI)(CI)F",
        "*S-1-5-32-544:(OI)(CI)F",
      ],
      output: { stdout: "processed file: C:\\ProgramData\\cefleet\r\n" },
    },
    {
      command: "schtasks",
      args: ["/Create", "/TN", "cefleet-agent", "/XML", path, "/F"],
      output: {
        stdout:
          'SUCCESS: The scheduled task "cefleet-agent" has successfully been created.\r\n',
      },
    },
    {
      command: "schtasks",
      args: ["/Run", "/TN", "cefleet-agent"],
      output: {
        stdout:
          'SUCCESS: Attempted to run the scheduled task "cefleet-agent".\r\n',
      },
    },
  ]);

  await installService(
    {
      os: "windows",
      paths: resolvePaths("windows"),
      run: runner.run,
      logger,
      root,
      manage: true,
    },
    ["C:\\Program Files\\cefleet\\cefleet-agent.exe", "run"],
  );

  runner.assertDone();
  const bytes = await Deno.readFile(path);
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  const text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  assert.match(text, /<UserId>S-1-5-18<\/UserId>/);
});

Deno.test("installService() reports a failing service manager in one line", async () => {
  const root = await Deno.makeTempDir();
  const runner = recordedRunner([{
    command: "schtasks",
    args: ["/End", "/TN", "cefleet-agent"],
    output: {
      code: 1,
      stderr: "ERROR: The system cannot find the file specified.\r\n",
    },
  }, {
    command: "schtasks",
    args: ["/Delete", "/TN", "cefleet-agent", "/F"],
    output: { code: 1, stderr: "ERROR: Access is denied.\r\n" },
  }]);

  const error = await uninstallService({
    os: "windows",
    paths: resolvePaths("windows"),
    run: runner.run,
    logger,
    root,
    manage: true,
  }).catch((e) => e);

  assert.equal(
    error.message,
    '"schtasks /Delete /TN cefleet-agent /F" failed: ERROR: Access is denied.',
  );
});
