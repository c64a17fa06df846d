import assert from "node:assert/strict";
import { ControllerClient, ControllerError } from "./client.ts";

interface SeenRequest {
  path: string;
  authorization: string | null;
}

const AGENT_ID = "00000000-0000-4000-8000-0000000000aa";

async function withServer(
  handler: (request: Request) => Response | Promise<Response>,
  test: (client: ControllerClient, seen: SeenRequest[]) => Promise<void>,
) {
  const seen: SeenRequest[] = [];
  const server = Deno.serve({ port: 0, onListen() {} }, (request) => {
    seen.push({
      path: new URL(request.url).pathname,
      authorization: request.headers.get("authorization"),
    });
    return handler(request);
  });
  const client = new ControllerClient({
    baseUrl: `http://127.0.0.1:${server.addr.port}/`,
  });
  try {
    await test(client, seen);
  } finally {
    client.close();
    await server.shutdown();
  }
}

Deno.test("ControllerClient sends the token as a bearer header", async () => {
  await withServer(
    () => Response.json([]),
    async (client, seen) => {
      client.setToken("tok-123456");
      assert.deepEqual(await client.commands(AGENT_ID), []);
      assert.equal(seen[0].authorization, "Bearer tok-123456");
      assert.equal(
        seen[0].path,
        `/api/agents/${AGENT_ID}/commands`,
      );
    },
  );
});

Deno.test("ControllerClient turns a revoked token into tokenGone", async () => {
  await withServer(
    () =>
      Response.json({
        error: { code: "token_revoked", message: "Agent token was revoked" },
      }, { status: 401 }),
    async (client) => {
      const error = await client.commands(AGENT_ID).catch((e) => e);
      assert.ok(error instanceof ControllerError);
      assert.equal(error.tokenGone, true);
      assert.equal(error.retryable, false);
      assert.equal(error.message, "Agent token was revoked");
    },
  );
});

Deno.test("ControllerClient marks server errors as retryable", async () => {
  await withServer(
    () => new Response("boom", { status: 503 }),
    async (client) => {
      const error = await client.health().catch((e) => e);
      assert.equal(error.retryable, true);
      assert.equal(
        error.message,
        "Controller answered GET /health with HTTP 503",
      );
    },
  );
});

Deno.test("ControllerClient rejects an answer that breaks the contract", async () => {
  await withServer(
    () => Response.json({ unexpected: true }),
    async (client) => {
      const error = await client.commands(AGENT_ID).catch((e) => e);
      assert.equal(error.kind, "protocol");
    },
  );
});

Deno.test("ControllerClient says which controller it cannot reach", async () => {
  const listener = Deno.listen({ port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const client = new ControllerClient({ baseUrl: `http://127.0.0.1:${port}` });

  const error = await client.health().catch((e) => e);

  assert.equal(error.kind, "network");
  assert.equal(error.retryable, true);
  assert.match(
    error.message,
    new RegExp(`^Cannot reach the controller at http://127.0.0.1:${port}: `),
  );
  assert.doesNotMatch(error.message, /\n/);
});
