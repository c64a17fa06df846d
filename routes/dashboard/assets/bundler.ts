/**
 * Builds the dashboard's browser code: the island boot script, the
 * relative-time script and one module per island, bundled by Deno's own
 * bundler with shared chunks split out so every island on a page uses the
 * same Preact. Bundles are cached on disk under a hash of their sources, so
 * a controller restarted on unchanged code starts without bundling.
 *
 * @module
 */
/** Where the sources live and where bundles are cached. */
export interface BundleOptions {
  /** Project root: holds `deno.json`, `islands/` and `routes/dashboard/`. */
  root: string;
  /** Folder that keeps one sub-folder of bundles per source hash. */
  cacheDir: string;
  /** Island names; each is bundled from `islands/<name>.tsx`. */
  islands: readonly string[];
}

/** A finished build: every file in it, keyed by its path under the hash. */
export interface AssetBuild {
  /** Hash of the sources; part of every asset URL, so URLs never go stale. */
  hash: string;
  /** File contents keyed by path relative to the build folder. */
  files: Map<string, Uint8Array>;
  /** Whether the build came from the on-disk cache. */
  cached: boolean;
}

/** Entry modules of the browser code, relative to the project root. */
export const BOOT_ENTRY = "routes/dashboard/assets/boot.ts";
/** The script that turns server-rendered times into relative ones. */
export const TIMES_ENTRY = "routes/dashboard/assets/times.ts";
/** The stylesheet, copied into every build so it shares its hash. */
export const STYLESHEET = "routes/dashboard/assets/dashboard.css";
/** The tab icon, copied like the stylesheet. */
export const ICON = "routes/dashboard/assets/favicon.svg";

/** Folders whose sources can end up in a bundle or in the stylesheet. */
const SOURCE_DIRS = ["islands", "shared", "routes/dashboard"];
/** Files outside those folders that change what the bundler produces. */
const SOURCE_FILES = ["deno.json", "deno.lock"];

/** Path of a built file for a source entry: `islands/X.tsx` → `islands/X.js`. */
export function outputPath(entry: string): string {
  return entry.replace(/\.tsx?$/, ".js");
}

/** Source entry of an island. */
export function islandEntry(name: string): string {
  return `islands/${name}.tsx`;
}

/**
 * Bundles the browser code, or loads it from the cache when the sources are
 * unchanged.
 *
 * @throws Error when the bundler fails; its output is in the message.
 */
export async function buildAssets(options: BundleOptions): Promise<AssetBuild> {
  const hash = await hashSources(options.root);
  const target = `${options.cacheDir}/${hash}`;

  const cachedFiles = await readBuild(target);
  if (cachedFiles) return { hash, files: cachedFiles, cached: true };

  await Deno.mkdir(options.cacheDir, { recursive: true });
  const staging = await Deno.makeTempDir({
    dir: options.cacheDir,
    prefix: ".staging-",
  });
  try {
    await bundleInto(staging, options);
    await publish(staging, target);
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }

  const files = await readBuild(target);
  if (!files) throw new Error(`Bundle folder "${target}" is incomplete`);
  await pruneOldBuilds(options.cacheDir, hash);
  return { hash, files, cached: false };
}

/**
 * Older builds kept besides the current one, for controllers that still
 * run older code from the same folder; the rest are removed.
 */
export const KEPT_OLD_BUILDS = 2;

async function pruneOldBuilds(cacheDir: string, current: string) {
  const builds: { path: string; modified: number }[] = [];
  for await (const entry of Deno.readDir(cacheDir)) {
    if (!entry.isDirectory || entry.name === current) continue;
    if (entry.name.startsWith(".")) continue;
    const path = `${cacheDir}/${entry.name}`;
    const info = await Deno.stat(path);
    builds.push({ path, modified: info.mtime?.getTime() ?? 0 });
  }

  builds.sort((a, b) => b.modified - a.modified);
  for (const old of builds.slice(KEPT_OLD_BUILDS)) {
    // Another controller may be pruning the same folder at the same time.
    await Deno.remove(old.path, { recursive: true }).catch(() => {});
  }
}

/**
 * Hash of every source that can change the bundles, so the cache key moves
 * whenever the output could.
 */
export async function hashSources(root: string): Promise<string> {
  const paths = [...SOURCE_FILES];
  for (const dir of SOURCE_DIRS) {
    paths.push(...await listSources(root, dir));
  }
  paths.sort();

  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(Deno.version.deno)];
  for (const path of paths) {
    parts.push(encoder.encode(`\0${path}\0`));
    parts.push(await Deno.readFile(`${root}/${path}`).catch(() => EMPTY));
  }

  const digest = await crypto.subtle.digest("SHA-256", concat(parts));
  return Array.from(new Uint8Array(digest).slice(0, 8))
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}

const EMPTY = new Uint8Array();

async function listSources(root: string, dir: string): Promise<string[]> {
  const found: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(`${root}/${dir}`));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return found;
    throw error;
  }

  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await listSources(root, path));
    else if (isBundleSource(entry.name)) found.push(path);
  }
  return found;
}

/** Tests never reach a bundle, so changing them keeps the cached build. */
function isBundleSource(name: string): boolean {
  return /\.(tsx?|css|svg)$/.test(name) && !/_test\.tsx?$/.test(name);
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

async function bundleInto(dir: string, options: BundleOptions): Promise<void> {
  const entries = [
    BOOT_ENTRY,
    TIMES_ENTRY,
    ...options.islands.map(islandEntry),
  ];
  const args = [
    "bundle",
    "--quiet",
    "--platform=browser",
    "--code-splitting",
    "--minify",
    `--config=${options.root}/deno.json`,
    `--outdir=${dir}`,
    ...entries.map((entry) => `${options.root}/${entry}`),
  ];

  const output = await new Deno.Command(denoExecutable(), {
    args,
    cwd: options.root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const stderr = new TextDecoder().decode(output.stderr).trim();
    throw new Error(`Bundling the dashboard islands failed: ${stderr}`);
  }

  await Deno.copyFile(`${options.root}/${STYLESHEET}`, `${dir}/dashboard.css`);
  await Deno.copyFile(`${options.root}/${ICON}`, `${dir}/favicon.svg`);
  const files = await Array.fromAsync(walk(dir, ""));
  await Deno.writeTextFile(`${dir}/manifest.json`, JSON.stringify(files));
}

/**
 * The running Deno binary when it may be run, else `deno` from PATH: a task
 * granted `--allow-run=deno` may run that name but not the resolved path.
 */
function denoExecutable(): string {
  const status = Deno.permissions.querySync({
    name: "run",
    command: Deno.execPath(),
  });
  return status.state === "granted" ? Deno.execPath() : "deno";
}

async function* walk(dir: string, prefix: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) yield* walk(dir, path);
    else yield path;
  }
}

async function publish(staging: string, target: string): Promise<void> {
  try {
    await Deno.rename(staging, target);
  } catch (error) {
    // Another controller starting at the same moment published the same
    // hash first; its build is identical, so ours is simply dropped.
    if (await readBuild(target)) return;
    throw error;
  }
}

/** Files of a published build, or null when the folder is missing. */
async function readBuild(dir: string): Promise<Map<string, Uint8Array> | null> {
  let manifest: string[];
  try {
    manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  } catch {
    return null;
  }

  const files = new Map<string, Uint8Array>();
  for (const path of manifest) {
    files.set(path, await Deno.readFile(`${dir}/${path}`));
  }
  return files;
}
