import assert from "node:assert/strict";
import { Island } from "./components/Island.tsx";
import { Layout } from "./components/Layout.tsx";
import { Time } from "./components/Time.tsx";
import { renderPage } from "./render.tsx";

const OPTIONS = {
  assetBase: "/assets/abc123",
  user: { username: "admin" },
  path: "/agents",
};

Deno.test("renderPage() ships no script for a page without islands or times", async () => {
  const response = renderPage(
    <Layout title="Plain">
      <p>Nothing moves here</p>
    </Layout>,
    OPTIONS,
  );
  const html = await response.text();

  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /href="\/assets\/abc123\/dashboard.css"/);
});

Deno.test("renderPage() adds only the time script for a page with times", async () => {
  const html = await renderPage(
    <Layout title="Times">
      <Time value="2026-12-03T12:00:00.000Z" />
    </Layout>,
    OPTIONS,
  ).text();

  assert.match(html, /<time datetime="2026-12-03T12:00:00.000Z" data-relative/);
  assert.match(html, />2026-12-03 12:00 UTC</);
  assert.match(
    html,
    /src="\/assets\/abc123\/routes\/dashboard\/assets\/times.js"/,
  );
  assert.doesNotMatch(html, /boot.js/);
});

Deno.test("Island renders its HTML inside an element naming its module and props", async () => {
  const html = await renderPage(
    <Layout title="Island">
      <Island name="CopyText" props={{ text: "a <b> & c", label: "Copy" }} />
    </Layout>,
    OPTIONS,
  ).text();

  const element = /<cefleet-island (.*?")>/.exec(html);
  assert.ok(element, "no island element");
  assert.match(element[1], /data-island="CopyText"/);
  assert.match(element[1], /data-src="\/assets\/abc123\/islands\/CopyText.js"/);
  const props = /data-props="([^"]*)"/.exec(element[1])![1];
  const decoded = props.replaceAll("&quot;", '"').replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  assert.deepEqual(JSON.parse(decoded), { text: "a <b> & c", label: "Copy" });
  assert.match(
    html,
    /<pre aria-label="Copy" data-copy-text>a &lt;b> &amp; c<\/pre>/,
  );
  assert.match(
    html,
    /src="\/assets\/abc123\/routes\/dashboard\/assets\/boot.js"/,
  );
});

Deno.test("renderPage() forbids inline and foreign scripts", () => {
  const response = renderPage(<Layout title="Headers">{null}</Layout>, OPTIONS);
  const policy = response.headers.get("content-security-policy") ?? "";
  assert.match(policy, /script-src 'self'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.equal(response.headers.get("cache-control"), "no-store");
});
