import assert from "node:assert/strict";
import {
  agentQueryString,
  parseAgentQuery,
  parseReportQuery,
  reportQueryString,
} from "./list_params.ts";

Deno.test("parseAgentQuery() keeps known values and drops unknown ones", () => {
  const query = parseAgentQuery(
    new URLSearchParams(
      "q=+web+&status=online&compliance=bogus&sort=score&order=desc&page=3",
    ),
  );
  assert.equal(query.search, "web");
  assert.equal(query.state, "online");
  assert.equal(query.compliance, undefined);
  assert.equal(query.sort, "score");
  assert.equal(query.descending, true);
  assert.equal(query.page, 3);
});

Deno.test("parseAgentQuery() starts on page 1 for a bad page number", () => {
  assert.equal(parseAgentQuery(new URLSearchParams("page=-2")).page, 1);
  assert.equal(parseAgentQuery(new URLSearchParams("page=abc")).page, 1);
});

Deno.test("agentQueryString() round-trips through parseAgentQuery()", () => {
  const text = "q=db&status=offline&os=Linux&compliance=fail&check=fw.on" +
    "&sort=last_seen&order=desc&page=2";
  const query = parseAgentQuery(new URLSearchParams(text));
  assert.equal(agentQueryString(query), text);
});

Deno.test("parseReportQuery() accepts only ISO days and known statuses", () => {
  const query = parseReportQuery(
    new URLSearchParams("status=fail&from=2026-11-01&to=yesterday"),
  );
  assert.equal(query.status, "fail");
  assert.equal(query.from, "2026-11-01");
  assert.equal(query.to, undefined);
  assert.equal(reportQueryString(query), "status=fail&from=2026-11-01");
});

Deno.test("parseReportQuery() drops days the calendar does not have", () => {
  const query = parseReportQuery(
    new URLSearchParams("from=2026-13-45&to=2026-02-30"),
  );
  assert.equal(query.from, undefined);
  assert.equal(query.to, undefined);

  const leapDay = parseReportQuery(new URLSearchParams("from=2028-02-29"));
  assert.equal(leapDay.from, "2028-02-29");
});
