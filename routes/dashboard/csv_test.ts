import assert from "node:assert/strict";
import { csvCell, toCsv } from "./csv.ts";

Deno.test("csvCell() escapes text that a spreadsheet would run", () => {
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell("+1+1"), "'+1+1");
  assert.equal(csvCell("-2+3"), "'-2+3");
  assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(csvCell("\tcmd"), "'\tcmd");
});

Deno.test("csvCell() leaves ordinary text and numbers alone", () => {
  assert.equal(csvCell("web-01"), "web-01");
  assert.equal(csvCell(-3), "-3");
  assert.equal(csvCell(0.75), "0.75");
  assert.equal(csvCell(null), "");
});

Deno.test("csvCell() quotes commas, quotes and line breaks", () => {
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
});

Deno.test("toCsv() writes a header and one CRLF line per row", () => {
  const csv = toCsv(
    [
      { header: "host", value: (row: { host: string }) => row.host },
      { header: "len", value: (row: { host: string }) => row.host.length },
    ],
    [{ host: "a" }, { host: "=b" }],
  );
  assert.equal(csv, "host,len\r\na,1\r\n'=b,2\r\n");
});
