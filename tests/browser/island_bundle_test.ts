/**
 * The island bundler against the real sources: it runs `deno bundle`, so
 * it lives with the tests that start processes.
 */
import { Hono } from "hono";
import { assert, assertEquals, assertMatch } from "../helpers/assert.ts";
import { silentLogger } from "../../controller/logger.ts";
import {
  buildAssets,
  KEPT_OLD_BUILDS,
} from "../../routes/dashboard/assets/bundler.ts";
import { DashboardAssets } from "../../routes/dashboard/assets/serve.ts";
import { ISLAND_NAMES } from "../../routes/dashboard/islands.ts";

const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

Deno.test("buildAssets() bundles the boot script, the time script and every island", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "cefleet-islands-" });
  try {
    const build = await buildAssets({
      root: ROOT,
      cacheDir,
      islands: ISLAND_NAMES,
    });

    assertEquals(build.cached, false);
    assertMatch(build.hash, /^[0-9a-f]{16}$/);
    for (const name of ISLAND_NAMES) {
      assert(build.files.has(`islands/${name}.js`), `no bundle for ${name}`);
    }
    assert(build.files.has("routes/dashboard/assets/boot.js"));
    assert(build.files.has("routes/dashboard/assets/times.js"));
    assert(build.files.has("dashboard.css"));

    // Preact is shared between islands through a chunk, not copied into each.
    const chunks = [...build.files.keys()].filter((path) =>
      path.startsWith("chunk-")
    );
    assert(chunks.length > 0, "no shared chunk was split out");
    const boot = new TextDecoder().decode(
      build.files.get("routes/dashboard/assets/boot.js"),
    );
    assertMatch(boot, /from"\.\.\/\.\.\/\.\.\/chunk-/);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("buildAssets() reuses the cached build while the sources are unchanged", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "cefleet-islands-" });
  try {
    const options = { root: ROOT, cacheDir, islands: ISLAND_NAMES };
    const first = await buildAssets(options);
    const second = await buildAssets(options);

    assertEquals(second.cached, true);
    assertEquals(second.hash, first.hash);
    assertEquals(
      [...second.files.keys()].sort(),
      [...first.files.keys()].sort(),
    );
    const folders = await Array.fromAsync(Deno.readDir(cacheDir));
    assertEquals(folders.map((entry) => entry.name), [first.hash]);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("DashboardAssets serves built files for good and nothing else", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "cefleet-islands-" });
  try {
    const assets = new DashboardAssets(
      { root: ROOT, cacheDir, islands: ISLAND_NAMES },
      silentLogger,
    );
    const app = new Hono();
    app.get("/assets/:hash/*", (c) => assets.serve(c));
    const base = await assets.base();

    const css = await app.request(`${base}/dashboard.css`);
    assertEquals(css.status, 200);
    assertEquals(css.headers.get("content-type"), "text/css; charset=utf-8");
    assertMatch(css.headers.get("cache-control") ?? "", /immutable/);
    await css.body?.cancel();

    const island = await app.request(`${base}/islands/CopyText.js`);
    assertMatch(island.headers.get("content-type") ?? "", /^text\/javascript/);
    await island.body?.cancel();

    for (const path of ["/assets/0000/dashboard.css", `${base}/../deno.json`]) {
      const missing = await app.request(path);
      assertEquals(missing.status, 404, path);
      await missing.body?.cancel();
    }
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});

Deno.test("buildAssets() keeps only the newest older builds", async () => {
  const cacheDir = await Deno.makeTempDir({ prefix: "cefleet-islands-" });
  try {
    const old = ["0000000000000001", "0000000000000002", "0000000000000003"];
    for (const [index, name] of old.entries()) {
      await Deno.mkdir(`${cacheDir}/${name}`);
      const modified = new Date(Date.UTC(2026, 0, index + 1));
      await Deno.utime(`${cacheDir}/${name}`, modified, modified);
    }

    const build = await buildAssets({
      root: ROOT,
      cacheDir,
      islands: ISLAND_NAMES,
    });
    const left = (await Array.fromAsync(Deno.readDir(cacheDir)))
      .map((entry) => entry.name).sort();
    assertEquals(left, [...old.slice(-KEPT_OLD_BUILDS), build.hash].sort());
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
