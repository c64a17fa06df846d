import assert from "node:assert/strict";
import {
  isMissingKey,
  parseRegQuery,
  regNumber,
  regString,
} from "./reg_query.ts";

Deno.test("parseRegQuery() reads values with spaces and empty data, not subkeys", () => {
  const values = parseRegQuery(
    "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Test\r\n" +
      "    (Default)    REG_SZ    \r\n" +
      "    Lock Delay    REG_DWORD    0x384\r\n" +
      "    Banner    REG_SZ    Authorised   use only\r\n" +
      "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Test\\Sub\r\n",
  );

  assert.deepEqual([...values.keys()], ["", "Lock Delay", "Banner"]);
  assert.equal(regNumber(values.get("Lock Delay")), 900);
  assert.equal(regString(values.get("Banner")), "Authorised   use only");
  assert.equal(regNumber(values.get("Banner")), undefined);
});

Deno.test("isMissingKey() knows reg's not-found sentence only", () => {
  assert.ok(isMissingKey(
    "ERROR: The system was unable to find the specified registry key or value.\r\n",
  ));
  assert.ok(!isMissingKey("ERROR: Access is denied.\r\n"));
});
