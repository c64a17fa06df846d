import assert from "node:assert/strict";
import { parseLsofListen, parseSs } from "./listeners.ts";

Deno.test("parseSs() reads the local address and process of each socket", () => {
  const listeners = parseSs(
    'udp   UNCONN 0      0        127.0.0.53%lo:53        0.0.0.0:*    users:(("systemd-resolve",pid=401,fd=13))\n' +
      "tcp   LISTEN 0      128            [::]:22           [::]:*\n",
  );

  assert.deepEqual(listeners, [
    {
      protocol: "udp",
      address: "127.0.0.53%lo:53",
      process: "systemd-resolve",
    },
    { protocol: "tcp", address: "[::]:22", process: undefined },
  ]);
});

Deno.test("parseLsofListen() drops the header and repeated descriptors", () => {
  const listeners = parseLsofListen(
    "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n" +
      "sshd 1 root 3u IPv4 0x1 0t0 TCP *:22 (LISTEN)\n" +
      "sshd 1 root 4u IPv4 0x2 0t0 TCP *:22 (LISTEN)\n",
  );

  assert.deepEqual(listeners, [
    { protocol: "tcp", address: "*:22", process: "sshd" },
  ]);
});
