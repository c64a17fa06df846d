/**
 * Delivers queued reports to the controller, oldest first, and removes each
 * only once the controller has acknowledged it. Failed uploads back off
 * exponentially with jitter, so a fleet returning after an outage spreads
 * its retries.
 *
 * @module
 */
import type { ReportUpload } from "../shared/api.ts";
import { backoffDelay } from "./backoff.ts";
import { ControllerError } from "./client.ts";
import type { Clock } from "./clock.ts";
import type { Logger } from "./log.ts";
import type { ReportQueue } from "./queue.ts";
import type { StateStore } from "./state.ts";

/** Base delay of the first upload retry. */
export const UPLOAD_RETRY_BASE_MS = 5_000;
/** Longest wait between upload retries. */
export const UPLOAD_RETRY_MAX_MS = 15 * 60_000;

/** What {@linkcode Uploader} works with. */
export interface UploaderDeps {
  upload: (agentId: string, upload: ReportUpload) => Promise<unknown>;
  queue: ReportQueue;
  state: StateStore;
  clock: Clock;
  logger: Logger;
  random: () => number;
}

/** Uploads the queue and remembers when to try again. */
export class Uploader {
  /** When the queue should next be looked at, in epoch milliseconds. */
  nextAttemptAt = 0;
  #deps: UploaderDeps;
  #attempts = 0;

  /** An uploader over `deps`. */
  constructor(deps: UploaderDeps) {
    this.#deps = deps;
  }

  /**
   * Uploads every queued report. On failure, plans the next attempt by
   * backoff and rethrows; `recheckMs` is when to look at an emptied queue
   * again, since another process (`scan --upload`) can add to it.
   */
  async flush(agentId: string, recheckMs: number): Promise<void> {
    const { queue, clock } = this.#deps;
    this.nextAttemptAt = clock.now() + recheckMs;

    for (let item = await queue.peek(); item; item = await queue.peek()) {
      try {
        await this.#deps.upload(agentId, item.upload);
      } catch (error) {
        if (error instanceof ControllerError && isUndeliverable(error)) {
          await queue.discard(item.name, error.message);
          continue;
        }
        if (!(error instanceof ControllerError && error.status === 409)) {
          this.#planRetry();
          throw error;
        }
        // 409: the controller already holds a report with this id.
      }
      await this.#delivered(item.name, item.upload.payload.report_id);
    }
  }

  #planRetry() {
    const delay = backoffDelay(this.#attempts++, {
      baseMs: UPLOAD_RETRY_BASE_MS,
      maxMs: UPLOAD_RETRY_MAX_MS,
      random: this.#deps.random,
    });
    this.nextAttemptAt = this.#deps.clock.now() + delay;
    this.#deps.logger.debug("Upload retry planned", { in_ms: delay });
  }

  async #delivered(name: string, reportId: string | undefined) {
    const { queue, state, clock, logger } = this.#deps;
    await queue.remove(name);
    this.#attempts = 0;
    await state.update((s) => {
      s.last_upload_at = new Date(clock.now()).toISOString();
    });
    logger.info("Report uploaded", { report_id: reportId });
  }
}

/**
 * A report the controller will never take: invalid (422) or too large
 * (413). Keeping it would block every later report behind it.
 */
function isUndeliverable(error: ControllerError): boolean {
  return error.kind === "http" &&
    (error.status === 422 || error.status === 413);
}
