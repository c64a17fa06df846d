import assert from "node:assert/strict";
import { ISLAND_NAMES } from "./islands.ts";

Deno.test("ISLANDS registers every island module in islands/", async () => {
  const folder = new URL("../../islands/", import.meta.url);
  const modules: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isFile && /^[A-Z]\w*\.tsx$/.test(entry.name)) {
      modules.push(entry.name.replace(/\.tsx$/, ""));
    }
  }
  assert.deepEqual([...ISLAND_NAMES].sort(), modules.sort());
});
