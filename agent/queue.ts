/**
 * The offline report queue. Every report is written to disk before it is
 * uploaded and removed only once the controller has acknowledged it, so a
 * crash, a reboot or a dead network never loses one.
 *
 * Each report is one file, written atomically. File names start with the
 * time the report was queued, so sorting them gives the upload order.
 *
 * @module
 */
import type { ReportUpload } from "../shared/api.ts";
import { TEMP_SUFFIX, writeFileAtomic } from "./atomic_file.ts";
import type { Logger } from "./log.ts";

/** A report waiting in the queue. */
export interface QueuedReport {
  /** File name inside the queue folder. */
  name: string;
  /** The upload body, as it will be sent. */
  upload: ReportUpload;
}

/** Settings of {@linkcode ReportQueue}. */
export interface ReportQueueOptions {
  dir: string;
  /** Reports kept at most; the oldest go first. */
  maxReports: number;
  logger: Logger;
  now?: () => number;
}

/** A bounded, crash-safe, first-in first-out queue of report uploads. */
export class ReportQueue {
  #options: ReportQueueOptions;

  /** A queue kept in `options.dir`. */
  constructor(options: ReportQueueOptions) {
    this.#options = options;
  }

  /** Writes a report to disk; drops the oldest ones when the queue is full. */
  async enqueue(upload: ReportUpload): Promise<string> {
    await Deno.mkdir(this.#options.dir, { recursive: true, mode: 0o700 });
    const now = this.#options.now?.() ?? Date.now();
    const id = upload.payload.report_id ?? crypto.randomUUID();
    const name = `${String(now).padStart(15, "0")}-${id}.json`;

    await writeFileAtomic(this.#path(name), JSON.stringify(upload));
    await this.#trim();
    return name;
  }

  /** Names of the queued reports, oldest first. */
  async list(): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(this.#options.dir)) {
        if (entry.isFile && entry.name.endsWith(".json")) {
          names.push(entry.name);
        }
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
    return names.sort();
  }

  /** Number of reports waiting. */
  async size(): Promise<number> {
    return (await this.list()).length;
  }

  /**
   * The oldest report that can still be read. A file that no longer parses
   * is moved aside, so one damaged file cannot block the whole queue.
   */
  async peek(): Promise<QueuedReport | undefined> {
    for (const name of await this.list()) {
      try {
        const text = await Deno.readTextFile(this.#path(name));
        return { name, upload: JSON.parse(text) };
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) continue;
        await this.discard(name, `unreadable: ${String(error)}`);
      }
    }
    return undefined;
  }

  /** Removes a report the controller acknowledged. */
  async remove(name: string): Promise<void> {
    await Deno.remove(this.#path(name)).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }

  /** Removes a report that can never be delivered, saying why. */
  async discard(name: string, reason: string): Promise<void> {
    this.#options.logger.error("Report dropped from the queue", {
      file: name,
      reason,
    });
    await this.remove(name);
  }

  /** Deletes temporary files a crash left behind mid-write. */
  async cleanPartialWrites(): Promise<void> {
    try {
      for await (const entry of Deno.readDir(this.#options.dir)) {
        if (entry.name.endsWith(TEMP_SUFFIX)) {
          await Deno.remove(this.#path(entry.name)).catch(() => {});
        }
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }

  async #trim() {
    const names = await this.list();
    const excess = names.length - this.#options.maxReports;
    for (const name of names.slice(0, Math.max(0, excess))) {
      this.#options.logger.warn("Queue full, oldest report dropped", {
        file: name,
        max_reports: this.#options.maxReports,
      });
      await this.remove(name);
    }
  }

  #path(name: string) {
    return `${this.#options.dir}/${name}`;
  }
}
