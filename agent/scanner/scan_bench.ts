/**
 * How long a whole scan takes: on this machine with the real probe, and on
 * recorded outputs (the scanner's own cost without the tools it runs).
 *
 * Run: deno bench --allow-read --allow-run --allow-sys agent/scanner/scan_bench.ts
 */
import { runScan } from "./mod.ts";
import { RecordedProbe } from "./recorded_probe.ts";

Deno.bench({
  name: "full scan of this machine, standard mode",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await runScan({ mode: "standard" });
  },
});

Deno.bench("full scan of recorded Windows output, strict mode", async () => {
  await runScan({
    mode: "strict",
    platform: "windows",
    probe: new RecordedProbe("windows", {}),
  });
});
