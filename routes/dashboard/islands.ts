/**
 * Every island of the dashboard, by the name its module file carries in
 * `islands/`. The server renders them from here; the bundler builds one
 * browser module per name.
 *
 * @module
 */
import AgentActivity from "../../islands/AgentActivity.tsx";
import AgentsTable from "../../islands/AgentsTable.tsx";
import CopyText from "../../islands/CopyText.tsx";

/** The islands, keyed by name. */
export const ISLANDS = {
  AgentActivity,
  AgentsTable,
  CopyText,
} as const;

/** The name of an island. */
export type IslandName = keyof typeof ISLANDS;

/** Island names, in the order the bundler builds them. */
export const ISLAND_NAMES = Object.keys(ISLANDS) as IslandName[];
