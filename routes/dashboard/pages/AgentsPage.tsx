import type {
  AgentPage,
  AgentPageQuery,
  AgentSort,
} from "../../../controller/services/agent_listing.ts";
import type { AgentsTableHeader } from "../../../islands/AgentsTable.tsx";
import { Island } from "../components/Island.tsx";
import { Layout } from "../components/Layout.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { statusLabel } from "../components/StatusBadge.tsx";
import { agentQueryString, withQuery } from "../list_params.ts";

/** Props of {@linkcode AgentsPage}. */
export interface AgentsPageProps {
  query: AgentPageQuery;
  result: AgentPage;
  operatingSystems: string[];
  /** Hostname of an agent just deleted, to confirm it. */
  deleted?: string;
}

const COLUMNS: { label: string; sort?: AgentSort }[] = [
  { label: "Hostname", sort: "hostname" },
  { label: "Status" },
  { label: "Operating system", sort: "os" },
  { label: "IP address" },
  { label: "Compliance", sort: "compliance" },
  { label: "Last seen", sort: "last_seen" },
];

/** The agent list with its filter, actions, exports and pages. */
export function AgentsPage(
  { query, result, operatingSystems, deleted }: AgentsPageProps,
) {
  const filterOnly = { ...query, page: 1 };
  const filter = agentQueryString(filterOnly);

  return (
    <Layout title="Agents">
      {deleted
        ? (
          <p class="notice success" role="status">
            Agent "{deleted}" was deleted; its token no longer works.
          </p>
        )
        : null}
      <FilterForm query={query} operatingSystems={operatingSystems} />
      <p class="actions">
        <span class="muted">Export this list:</span>
        <a href={withQuery("/agents/export.csv", filter)} download>CSV</a>
        <a href={withQuery("/agents/export.json", filter)} download>JSON</a>
      </p>
      <Island
        name="AgentsTable"
        props={{
          agents: result.agents,
          total: result.total,
          filter,
          page: result.page,
          headers: COLUMNS.map((column) => header(column, query)),
        }}
      />
      <Pagination
        page={result.page}
        perPage={result.perPage}
        total={result.total}
        noun="agents"
        hrefFor={(page) =>
          withQuery("/agents", agentQueryString({ ...query, page }))}
      />
    </Layout>
  );
}

/** A column heading; clicking a sorted column reverses its order. */
function header(
  column: { label: string; sort?: AgentSort },
  query: AgentPageQuery,
): AgentsTableHeader {
  if (!column.sort) return { label: column.label };
  const current = (query.sort ?? "hostname") === column.sort;
  const descending = current && !query.descending;
  const href = withQuery(
    "/agents",
    agentQueryString({ ...query, sort: column.sort, descending, page: 1 }),
  );
  if (!current) return { label: column.label, href };
  return {
    label: column.label,
    href,
    sort: query.descending ? "descending" : "ascending",
  };
}

function FilterForm(
  { query, operatingSystems }: {
    query: AgentPageQuery;
    operatingSystems: string[];
  },
) {
  return (
    <form method="get" action="/agents" class="filters" role="search">
      <label>
        Search
        <input
          type="search"
          name="q"
          value={query.search ?? ""}
          placeholder="Hostname or IP address"
        />
      </label>
      <label>
        Status
        <Select
          name="status"
          value={query.state}
          options={["online", "offline", "inactive", "pending"]}
        />
      </label>
      <label>
        Operating system
        <Select name="os" value={query.os} options={operatingSystems} raw />
      </label>
      <label>
        Compliance
        <Select
          name="compliance"
          value={query.compliance}
          options={["pass", "warn", "fail", "none"]}
        />
      </label>
      {query.failingCheck
        ? (
          <label class="inline">
            <input
              type="checkbox"
              name="check"
              value={query.failingCheck}
              checked
            />
            {`Failing check ${query.failingCheck}`}
          </label>
        )
        : null}
      {query.sort
        ? <input type="hidden" name="sort" value={query.sort} />
        : null}
      {query.descending
        ? <input type="hidden" name="order" value="desc" />
        : null}
      <button type="submit">Apply filter</button>
      <a href="/agents">Clear</a>
    </form>
  );
}

function Select(
  { name, value, options, raw }: {
    name: string;
    value?: string;
    options: string[];
    /** Show the values as they are rather than as status labels. */
    raw?: boolean;
  },
) {
  return (
    <select name={name}>
      <option value="">Any</option>
      {options.map((option) => (
        <option key={option} value={option} selected={option === value}>
          {raw ? option : statusLabel(option)}
        </option>
      ))}
    </select>
  );
}
