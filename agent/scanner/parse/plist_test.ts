import assert from "node:assert/strict";
import { fixture } from "../recorded_probe.ts";
import { parseOldStylePlist, parseXmlPlist } from "./plist.ts";

Deno.test("parseXmlPlist() skips pwpolicy's heading and reads nested values", () => {
  const result = parseXmlPlist(
    fixture("darwin", "uac_pwpolicy_minlength12.txt"),
  );
  assert.ok(result.ok);
  const root = result.value as Record<string, unknown>;
  const content = root.policyCategoryPasswordContent as Record<
    string,
    unknown
  >[];
  assert.equal(content.length, 2);
  assert.equal(
    content[0].policyContent,
    "policyAttributePassword matches '.{12,}+'",
  );
  assert.deepEqual(content[0].policyParameters, { minimumLength: 12 });
});

Deno.test("parseXmlPlist() decodes entities, booleans and empty elements", () => {
  const result = parseXmlPlist(
    '<plist version="1.0"><dict><key>a</key><string>x &lt; y &amp; z</string>' +
      "<key>b</key><true/><key>c</key><false/><key>d</key><array/>" +
      "<key>e</key><string/><key>f</key><real>1.5</real></dict></plist>",
  );
  assert.ok(result.ok);
  assert.deepEqual(result.value, {
    a: "x < y & z",
    b: true,
    c: false,
    d: [],
    e: "",
    f: 1.5,
  });
});

Deno.test("parseXmlPlist() reports a truncated or missing plist", () => {
  assert.equal(parseXmlPlist("<plist><dict><key>a</key>").ok, false);
  assert.equal(parseXmlPlist("No policies").ok, false);
});

Deno.test("parseOldStylePlist() reads defaults output with nested lists and dictionaries", () => {
  const result = parseOldStylePlist(
    fixture("darwin", "updates_softwareupdate_prefs_off.txt"),
  );
  assert.ok(result.ok);
  const prefs = result.value as Record<string, unknown>;
  assert.equal(prefs.AutomaticallyInstallMacOSUpdates, "0");
  assert.equal(prefs.LastFullSuccessfulDate, "2026-09-30 18:02:11 +0000");
  const recommended = prefs.RecommendedUpdates as Record<string, unknown>[];
  assert.equal(recommended[0]["Display Version"], "15.7.2");
});

Deno.test("parseOldStylePlist() rejects unterminated input", () => {
  assert.equal(parseOldStylePlist('{ A = "open; }').ok, false);
  assert.equal(parseOldStylePlist("{ A = 1; } trailing").ok, false);
});
