import assert from "node:assert/strict";
import { parseSshdConfig, parseSshdT } from "./sshd_config.ts";

Deno.test("parseSshdConfig() keeps the first value and skips Match blocks", () => {
  const file = parseSshdConfig(`# comment
Include /etc/ssh/sshd_config.d/*.conf
permitRootLogin no
PermitRootLogin yes
PasswordAuthentication=no
Match User backup
  PasswordAuthentication yes
`);

  assert.deepEqual(file.includes, ["/etc/ssh/sshd_config.d/*.conf"]);
  assert.equal(file.settings.get("permitrootlogin"), "no");
  assert.equal(file.settings.get("passwordauthentication"), "no");
});

Deno.test("parseSshdT() reads lower-case keywords", () => {
  const settings = parseSshdT("port 22\npermitrootlogin without-password\n");

  assert.equal(settings.get("permitrootlogin"), "without-password");
});
