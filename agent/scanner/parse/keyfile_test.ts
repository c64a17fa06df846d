import assert from "node:assert/strict";
import { parseKeyFile } from "./keyfile.ts";

Deno.test("parseKeyFile() groups keys by section and keeps GVariant text", () => {
  const file = parseKeyFile(
    "top=ignored\n# comment\n[org/gnome/desktop/session]\nidle-delay=uint32 300\n",
  );

  assert.equal(
    file.get("org/gnome/desktop/session")?.get("idle-delay"),
    "uint32 300",
  );
  assert.equal(file.size, 1);
});
