/**
 * Debian's Chromium driven by playwright-core for the dashboard's browser
 * tests. Outside CI a machine without Chromium skips these tests with a
 * message; under `CI=true` a missing Chromium fails them.
 *
 * @module
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";

/** Where Chromium is installed; `CEFLEET_CHROMIUM` overrides it. */
export const CHROMIUM_PATH = Deno.env.get("CEFLEET_CHROMIUM") ??
  "/usr/bin/chromium";

/** Folder the tests save their screenshots in (ignored by git). */
export const SCREENSHOT_DIR = new URL(
  "../../test-output/screenshots/",
  import.meta.url,
);

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Whether Chromium is installed where the tests expect it. */
export function chromiumInstalled(): boolean {
  try {
    return Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    return false;
  }
}

/** Whether the tests run in CI, where nothing may be skipped. */
export function inCi(): boolean {
  return Deno.env.get("CI") === "true";
}

/**
 * Skip browser tests only outside CI, and say why, so a silent skip can
 * never pass for a green run.
 */
export function skipBrowserTests(): boolean {
  if (chromiumInstalled() || inCi()) return false;
  console.warn(
    `Skipping browser tests: no Chromium at ${CHROMIUM_PATH} ` +
      "(install it with: apt-get install -y chromium)",
  );
  return true;
}

/**
 * Loads playwright-core. At load time it probes
 * `/proc/sys/fs/binfmt_misc/WSLInterop` to detect WSL, and Deno refuses
 * any access below `/proc/sys` short of `--allow-all`, which the tests do
 * not grant. A file Deno will not let us see is, for that probe, a file
 * that is not there, so `existsSync` answers false instead of throwing.
 */
async function loadPlaywright(): Promise<typeof import("playwright-core")> {
  const existsSync = fs.existsSync;
  fs.existsSync = (path) => {
    try {
      return existsSync(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotCapable) return false;
      throw error;
    }
  };
  return await import("playwright-core");
}

/**
 * Starts a headless Chromium with a fresh profile.
 *
 * @throws Error when Chromium is missing, naming where it was looked for
 */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled()) {
    throw new Error(`Chromium is missing at "${CHROMIUM_PATH}"`);
  }
  // playwright's launch() gives every browser its own temporary profile,
  // so no state leaks between runs.
  const { chromium } = await loadPlaywright();
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

/** Saves a full-page screenshot as `<name>.png` in the output folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: new URL(`${name}.png`, SCREENSHOT_DIR).pathname,
    fullPage: true,
  });
}

/**
 * Waits until every island on the page has hydrated, so clicks reach live
 * components rather than server-rendered markup.
 */
export async function waitForIslands(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const islands = document.querySelectorAll("cefleet-island");
    return islands.length > 0 &&
      [...islands].every((island) => island.hasAttribute("data-hydrated"));
  });
}
