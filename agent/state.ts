/**
 * What the agent remembers between runs: its last heartbeat and scan, when
 * the daily scan last ran, and a journal of the commands it took, so that a
 * command is never run twice after a restart.
 *
 * @module
 */
import { z } from "zod";
import { readTextIfExists, writeFileAtomic } from "./atomic_file.ts";

/** How a scan was started. */
export const SCAN_TRIGGERS = ["command", "schedule", "manual"] as const;

/** Summary of the last scan, shown by `status`. */
export const LastScanSchema = z.object({
  at: z.string(),
  report_id: z.string(),
  mode: z.string(),
  status: z.string(),
  score: z.number(),
  trigger: z.enum(SCAN_TRIGGERS),
});
/** Summary of the last scan. */
export type LastScan = z.infer<typeof LastScanSchema>;

/**
 * One command in the journal. `running` is written before the command
 * starts; `answered` once the controller has its result. A command found
 * `running` after a restart was interrupted and is answered, not rerun.
 */
export const JournalEntrySchema = z.object({
  id: z.string(),
  command_type: z.string(),
  phase: z.enum(["running", "result_pending", "answered"]),
  at: z.string(),
  result: z.object({
    status: z.enum(["completed", "failed"]),
    result: z.record(z.string(), z.unknown()),
  }).optional(),
});
/** One command in the journal. */
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** Contents of `state.json`. */
export const AgentStateSchema = z.object({
  last_heartbeat_at: z.string().optional(),
  last_heartbeat_error: z.string().optional(),
  approval: z.string().optional(),
  /**
   * Why the controller last refused the token (e.g. "agent_deleted") when
   * the agent could not register again; kept until a registration or a
   * heartbeat succeeds, so `status` does not report a dead registration
   * as working.
   */
  token_refused: z.string().optional(),
  last_upload_at: z.string().optional(),
  last_scan: LastScanSchema.optional(),
  last_scheduled_scan_at: z.string().optional(),
  commands: z.array(JournalEntrySchema).default([]),
});
/** Contents of `state.json`. */
export type AgentState = z.infer<typeof AgentStateSchema>;

/** Journal entries kept; older ones can no longer come back from a poll. */
const JOURNAL_LIMIT = 200;

/** Reads and writes `state.json`, one atomic write per change. */
export class StateStore {
  #path: string;
  #state: AgentState | undefined;

  /** A store for the state file at `path`. */
  constructor(path: string) {
    this.#path = path;
  }

  /** The current state, read from disk on first use. */
  async get(): Promise<AgentState> {
    if (this.#state) return this.#state;
    const text = await readTextIfExists(this.#path);
    const parsed = AgentStateSchema.safeParse(
      text === undefined ? {} : safeJson(text),
    );
    // A damaged state file costs history, never the agent's ability to run.
    this.#state = parsed.success ? parsed.data : AgentStateSchema.parse({});
    return this.#state;
  }

  /** Applies `change` and writes the result to disk. */
  async update(change: (state: AgentState) => void): Promise<AgentState> {
    const state = structuredClone(await this.get());
    change(state);
    state.commands = state.commands.slice(-JOURNAL_LIMIT);
    await writeFileAtomic(this.#path, JSON.stringify(state, null, 2) + "\n");
    this.#state = state;
    return state;
  }

  /** The journal entry of command `id`, if the agent has seen it. */
  async journalEntry(id: string): Promise<JournalEntry | undefined> {
    return (await this.get()).commands.find((entry) => entry.id === id);
  }

  /** Records or replaces the journal entry of a command. */
  async journal(entry: JournalEntry): Promise<void> {
    await this.update((state) => {
      state.commands = state.commands.filter((e) => e.id !== entry.id);
      state.commands.push(entry);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
