/**
 * One-time dashboard messages on both databases: read once, by their own
 * admin, before they expire, and never stored readable.
 */
import { assertEquals } from "./helpers/assert.ts";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "./helpers/app.ts";
import { dbTest } from "./helpers/db.ts";
import { FLASH_SECONDS } from "../controller/services/flash.ts";

const MESSAGE = { kind: "secret_created", secret: "very-secret-value-42" };

async function adminId(t: TestApp): Promise<string> {
  const user = await t.ctx.services.users.authenticate("admin", ADMIN_PASSWORD);
  return user.id;
}

dbTest("FlashService.take() returns a message once", async (kind) => {
  await using t = await createTestApp(kind);
  const flash = t.ctx.services.flash;
  const userId = await adminId(t);

  const ticket = await flash.put(userId, MESSAGE);

  assertEquals(await flash.take(userId, ticket), MESSAGE);
  assertEquals(await flash.take(userId, ticket), null);
});

dbTest(
  "FlashService keeps only ciphertext and needs the ticket's key",
  async (kind) => {
    await using t = await createTestApp(kind);
    const flash = t.ctx.services.flash;
    const userId = await adminId(t);

    const ticket = await flash.put(userId, MESSAGE);
    const rows = await t.ctx.db.query<{ id: string; sealed: string }>(
      "SELECT id, sealed FROM dashboard_flash",
    );
    const [id] = ticket.split(".");
    const forged = `${id}.${"A".repeat(43)}`;

    assertEquals(rows.length, 1);
    assertEquals(JSON.stringify(rows).includes(MESSAGE.secret), false);
    assertEquals(JSON.stringify(rows).includes(id), false);
    assertEquals(await flash.take(userId, forged), null);
  },
);

dbTest(
  "FlashService.take() refuses another admin without using the message up",
  async (kind) => {
    await using t = await createTestApp(kind);
    const flash = t.ctx.services.flash;
    const userId = await adminId(t);
    const other = await t.ctx.services.users.create(
      { username: "other", password: "other-password-1" },
      { id: userId, name: "admin" },
    );

    const ticket = await flash.put(userId, MESSAGE);

    assertEquals(await flash.take(other.id, ticket), null);
    assertEquals(await flash.take(userId, ticket), MESSAGE);
  },
);

dbTest(
  "FlashService.take() drops a message after FLASH_SECONDS",
  async (kind) => {
    await using t = await createTestApp(kind);
    const flash = t.ctx.services.flash;
    const userId = await adminId(t);

    const ticket = await flash.put(userId, MESSAGE);
    t.clock.advance((FLASH_SECONDS + 1) * 1000);

    assertEquals(await flash.take(userId, ticket), null);
    assertEquals(await flash.take(userId, "not-a-ticket"), null);
  },
);
