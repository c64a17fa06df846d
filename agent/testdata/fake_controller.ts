/**
 * An in-memory stand-in for the controller's agent endpoints, for daemon
 * tests. It can be taken down, and can refuse the token, on demand.
 *
 * @module
 */
import type {
  AgentCommand,
  CommandResultRequest,
  ReportUpload,
} from "../../shared/api.ts";
import type { Report } from "../../shared/report.ts";
import { ControllerError } from "../client.ts";
import type { AgentApi } from "../daemon.ts";

/** What the fake controller saw, in order. */
export type FakeEvent =
  | { type: "heartbeat"; agentId: string }
  | { type: "upload"; reportId: string }
  | { type: "result"; commandId: string; body: CommandResultRequest };

/** A controller kept in memory. */
export class FakeController implements AgentApi {
  events: FakeEvent[] = [];
  pending: AgentCommand[] = [];
  reports = new Map<string, ReportUpload>();
  down = false;
  refuseToken: string | undefined;
  approval = "approved";
  /** Asks for re-registration in the next heartbeat answer. */
  askReenroll = false;
  token: string | undefined;

  setToken(token: string | undefined): void {
    this.token = token;
  }

  heartbeat(agentId: string) {
    this.#check();
    this.events.push({ type: "heartbeat", agentId });
    const reenroll = this.askReenroll;
    this.askReenroll = false;
    return Promise.resolve({
      status: "ok",
      approval: this.approval,
      server_time: new Date(0).toISOString(),
      reenroll,
    });
  }

  commands(): Promise<AgentCommand[]> {
    this.#check();
    const commands = this.pending;
    this.pending = [];
    return Promise.resolve(commands);
  }

  commandResult(
    _agentId: string,
    commandId: string,
    body: CommandResultRequest,
  ) {
    this.#check();
    this.events.push({ type: "result", commandId, body });
    return Promise.resolve();
  }

  uploadReport(_agentId: string, upload: ReportUpload): Promise<string> {
    this.#check();
    const id = upload.payload.report_id!;
    this.events.push({ type: "upload", reportId: id });
    this.reports.set(id, upload);
    return Promise.resolve(id);
  }

  /** Events of one type. */
  of<T extends FakeEvent["type"]>(type: T): Extract<FakeEvent, { type: T }>[] {
    return this.events.filter((e) => e.type === type) as never;
  }

  #check() {
    if (this.down) {
      throw new ControllerError(
        "network",
        "Cannot reach the controller: refused",
      );
    }
    if (this.refuseToken && this.token === this.refuseToken) {
      throw new ControllerError("http", "Agent token was revoked", {
        status: 401,
        code: "token_revoked",
      });
    }
  }
}

/** A minimal valid report, as the scanner would return it. */
export function fakeReport(mode: "standard" | "strict" = "standard"): Report {
  return {
    report_id: crypto.randomUUID(),
    scanner_version: "test",
    timestamp_utc: "2026-03-10T09:00:00Z",
    compliance_mode: mode,
    os: { platform: "Linux", version: "12" },
    host: { hostname: "test-host" },
    controls: [],
    checks: [],
    overall: { status: "pass", score: 1 },
  };
}
