/**
 * The dashboard in Debian's Chromium against a real controller process: an
 * admin's first day, from the one-time password to a filtered CSV export.
 * The steps share one controller and one browser and run in order, as an
 * admin would.
 */
import type { Browser, Page } from "playwright-core";
import {
  type ControllerProcess,
  startController,
} from "../helpers/controller_process.ts";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import {
  launchChromium,
  screenshot,
  skipBrowserTests,
  waitForIslands,
} from "./browser.ts";
import {
  completeCommand,
  FAILING_CHECK_TITLE,
  type FakeAgent,
  fetchCommands,
  registerAgent,
  uploadReport,
} from "./fake_agent.ts";

const NEW_PASSWORD = "a-much-longer-passphrase-42";

Deno.test({
  name: "dashboard takes an admin from first sign-in to a filtered export",
  ignore: skipBrowserTests(),
  // playwright keeps its connection's pipes and timers until the browser
  // is closed in `finally`, which the per-step sanitizers would report.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    let controller: ControllerProcess | undefined;
    let browser: Browser | undefined;
    try {
      // Agents without a secret wait for approval instead of being refused.
      controller = await startController({
        env: { CEFLEET_REGISTRATION: "approval" },
      });
      browser = await launchChromium();
      const context = await browser.newContext({
        baseURL: controller.url,
        acceptDownloads: true,
        locale: "en-GB",
      });
      const page = await context.newPage();
      // Every wait here is for something a working dashboard shows within
      // a few seconds; a shorter limit makes a failure quick to see.
      page.setDefaultTimeout(15_000);
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      await runSteps(t, controller, page);
      // A blocked script, a failed hydration or a broken poll shows up
      // here even when the page still looks right.
      assertEquals(problems, []);
    } finally {
      await browser?.close();
      await controller?.stop();
    }
  },
});

async function runSteps(
  t: Deno.TestContext,
  controller: ControllerProcess,
  page: Page,
): Promise<void> {
  let secret = "";
  let linuxAgent: FakeAgent;
  let windowsAgent: FakeAgent;
  let trickyAgent: FakeAgent;

  // Each step builds on the one before; after a failure the rest could
  // only time out, so they are reported as ignored instead.
  let failed = false;
  const step = async (name: string, fn: () => Promise<void>) => {
    failed ||= !await t.step({ name, ignore: failed, fn });
  };

  await step("login page signs in with the one-time password", async () => {
    await page.goto("/");
    assertMatch(page.url(), /\/login$/);
    await screenshot(page, "01-login");

    assert(controller.adminPassword, "the controller printed no password");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill(controller.adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/account\/password$/);
  });

  await step("first sign-in forces a new password", async () => {
    assertEquals(
      await page.getByRole("heading", { level: 1 }).textContent(),
      "Choose a new password",
    );
    await screenshot(page, "02-forced-password-change");
    await page.getByLabel("Current password").fill(controller.adminPassword!);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("New password again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.waitForURL(/\/$/);
    assertEquals(
      await page.getByRole("heading", { level: 1 }).textContent(),
      "Fleet overview",
    );
  });

  await step(
    "settings create a secret and show its register command",
    async () => {
      await page.goto("/settings");
      await page.getByLabel("Secret name").fill("Test office");
      await page.getByRole("button", { name: "Create secret" }).click();
      await waitForIslands(page);

      const command = await page.getByLabel("Register command").textContent();
      assertEquals(
        command,
        `cefleet-agent register --controller ${controller.url} ` +
          "--enroll-secret-file /etc/cefleet/enroll-secret",
      );
      secret = await page.getByLabel("Enrollment secret", { exact: true })
        .textContent() ?? "";
      assertMatch(secret, /^[A-Za-z0-9_-]{16,}$/);
      assertEquals(
        new URL(page.url()).pathname + new URL(page.url()).search,
        "/settings",
      );
      await screenshot(page, "03-settings-secret");
    },
  );

  await step(
    "reloading the page neither creates another secret nor shows it again",
    async () => {
      await page.reload();
      await page.getByRole("heading", { name: "Enrollment secrets" }).waitFor();

      assertEquals(await page.getByTestId("new-secret").count(), 0);
      assertEquals((await page.content()).includes(secret), false);
      const rows = page.locator("#secrets-heading ~ .table-wrap tbody tr");
      assertEquals(await rows.count(), 1);
      assertEquals(
        await rows.getByRole("rowheader").textContent(),
        "Test office",
      );
    },
  );

  await step("agents page lists an agent the test registered", async () => {
    linuxAgent = await registerAgent(controller.url, secret, {
      hostname: "web-01",
      os: "Linux",
      os_version: "Debian 12",
      ip: "10.0.0.11",
    });
    windowsAgent = await registerAgent(controller.url, secret, {
      hostname: "laptop-07",
      os: "Windows",
      os_version: "11 23H2",
      ip: "10.0.0.12",
    });
    trickyAgent = await registerAgent(controller.url, secret, {
      hostname: '=HYPERLINK("http://evil")',
      os: "Linux",
      os_version: "Debian 12",
      ip: "10.0.0.13",
    });

    await page.goto("/agents");
    await waitForIslands(page);
    const row = page.locator(`tr[data-agent-id="${linuxAgent.id}"]`);
    assertEquals(await row.getByRole("link").textContent(), "web-01");
    assertEquals(
      await row.locator("[data-status]").first().textContent(),
      "Online",
    );
    await screenshot(page, "04-agents");
  });

  await step("agent page triggers a scan and shows it complete", async () => {
    await page.goto(`/agents/${linuxAgent.id}`);
    await waitForIslands(page);
    const state = page.getByTestId("agent-state").locator("[data-status]");
    assertEquals(await state.textContent(), "Online");
    await page.getByRole("button", { name: "Scan now (standard)" }).click();
    await page.locator('[data-command-status="pending"]').waitFor();

    const [command] = await fetchCommands(controller.url, linuxAgent);
    assertEquals(command.command_type, "scan");
    assertEquals(command.payload.mode, "standard");
    await page.locator('[data-command-status="running"]').waitFor();

    const reportId = await uploadReport(controller.url, linuxAgent, "standard");
    await completeCommand(controller.url, linuxAgent, command.id, reportId);
    await page.locator('[data-command-status="completed"]').waitFor();
    await page.getByRole("link", { name: "Open the new report" }).waitFor();
    await screenshot(page, "05-agent-scan-completed");

    await page.getByRole("link", { name: "Open the new report" }).click();
    await page.waitForURL(new RegExp(`/reports/${reportId}$`));
  });

  await step("report page shows each check's evidence and fix", async () => {
    const check = page.locator(
      '[data-check-id="firewalls.inbound_default_deny"]',
    );
    assertMatch(
      await check.textContent() ?? "",
      new RegExp(FAILING_CHECK_TITLE),
    );
    assertMatch(
      await check.textContent() ?? "",
      /Default inbound policy accept/,
    );
    assertMatch(await check.textContent() ?? "", /Set the input chain/);
    await screenshot(page, "06-report");
  });

  await step(
    "overview counts the fleet and links the failing check",
    async () => {
      await page.goto("/");
      const failing = page.getByRole("link", { name: "1 device" });
      assertEquals(
        await failing.getAttribute("href"),
        "/agents?check=firewalls.inbound_default_deny",
      );
      await screenshot(page, "07-overview");
    },
  );

  await step("agents list filters by operating system", async () => {
    await page.goto("/agents");
    await page.getByLabel("Operating system").selectOption("Linux");
    await page.getByRole("button", { name: "Apply filter" }).click();
    await page.waitForURL(/os=Linux/);
    await waitForIslands(page);

    const rows = page.locator("tr[data-agent-id]");
    const ids = await rows.evaluateAll((found) =>
      found.map((row) => row.getAttribute("data-agent-id"))
    );
    assertEquals(ids.sort(), [linuxAgent.id, trickyAgent.id].sort());
    assert(!ids.includes(windowsAgent.id), "the Windows agent was listed");
    await screenshot(page, "08-agents-filtered");
  });

  await step("agents list scans every selected agent at once", async () => {
    await page.getByLabel("Select every agent on this page").check();
    assertEquals(
      await page.getByTestId("selection-count").textContent(),
      "2 selected",
    );
    await page.getByRole("button", { name: "Scan (strict)" }).click();
    await page.getByText("Strict scan requested on 2 agents").waitFor();

    const [command] = await fetchCommands(controller.url, trickyAgent);
    assertEquals(command.payload.mode, "strict");
    await screenshot(page, "09-agents-bulk-scan");
  });

  await step("agents list approves a pending agent", async () => {
    const kiosk = await registerAgent(controller.url, null, {
      hostname: "kiosk-01",
      os: "Linux",
      os_version: "Debian 12",
      ip: "10.0.0.14",
    });
    await page.goto("/agents?status=pending");
    await waitForIslands(page);
    const row = page.locator(`tr[data-agent-id="${kiosk.id}"]`);
    assertEquals(
      await row.locator("[data-status]").first().textContent(),
      "Pending",
    );

    await page.getByLabel("Select kiosk-01").check();
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("1 agent approved").waitFor();
    assertEquals(await page.locator("tr[data-agent-id]").count(), 0);
    // The page counts below the table were rendered before the approval.
    assertEquals(
      await page.getByTestId("list-changed").textContent(),
      "0 agents match this filter now. Reload the list for its current pages.",
    );
    await page.goto("/agents?os=Linux");
  });

  await step(
    "CSV export holds the filtered agents, formulas escaped",
    async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "CSV" }).click(),
      ]);
      const path = await download.path();
      const lines = (await Deno.readTextFile(path)).trimEnd().split("\r\n");

      assertEquals(lines[0].split(",").slice(0, 4), [
        "id",
        "hostname",
        "status",
        "os",
      ]);
      // A header, then the three Linux agents: web-01, the tricky one and
      // the kiosk approved above; never the Windows laptop.
      assertEquals(lines.length, 4);
      assert(!lines.some((line) => line.includes("laptop-07")));
      const web = lines.find((line) => line.startsWith(linuxAgent.id));
      assertMatch(
        web ?? "",
        /^[^,]+,web-01,online,Linux,Debian 12,10\.0\.0\.11,fail,0\.8,/,
      );
      const tricky = lines.find((line) => line.startsWith(trickyAgent.id));
      assertMatch(tricky ?? "", /,"'=HYPERLINK\(""http:\/\/evil""\)",/);
    },
  );

  await step("pages fit a phone and open with a skip link", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    const overflow = await page.evaluate(() =>
      document.documentElement.scrollWidth - globalThis.innerWidth
    );
    assertEquals(overflow, 0);

    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() =>
      document.activeElement?.textContent
    );
    assertEquals(focused, "Skip to content");
    await screenshot(page, "12-overview-phone");
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await step(
    "an expired session returns to the page after sign-in",
    async () => {
      const context = page.context();
      const cookies = await context.cookies();
      await context.clearCookies();
      await context.addCookies(
        cookies.filter((cookie) => cookie.name !== "cefleet_session"),
      );

      await page.goto("/reports?status=fail");
      await page.waitForURL(/\/login\?/);
      assertMatch(
        await page.locator("main").textContent() ?? "",
        /session has expired/,
      );
      await screenshot(page, "10-session-expired");

      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/reports\?status=fail$/);
      const rows = page.locator("tbody tr");
      assertMatch(await rows.first().textContent() ?? "", /web-01/);
      await screenshot(page, "11-reports");
    },
  );
}
