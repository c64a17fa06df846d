/**
 * Fill a controller's database with a synthetic fleet before the
 * controller starts, straight through SQL, so page benchmarks measure
 * reading a large fleet rather than the time to register one.
 *
 * @module
 */
import { openDatabase } from "../controller/db/open.ts";
import { migrate } from "../controller/db/migrate.ts";

/** Where the fleet goes: the embedded database in a folder, or PostgreSQL. */
export interface SeedTarget {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema: string;
}

const OSES = ["Windows", "Windows", "Windows", "macOS", "Linux"];
const STATUSES = ["pass", "warn", "fail", null];

/**
 * Insert `count` agents with a spread of operating systems, last check-in
 * times (online, offline, inactive) and latest outcomes, all in one
 * statement.
 */
export async function seedFleet(
  target: SeedTarget,
  count: number,
): Promise<void> {
  const db = await openDatabase(target);
  try {
    await migrate(db);
    await db.query(
      `INSERT INTO agents (id, hostname, os, os_version, ip, last_seen,
         registered_at, status, metadata, approval, latest_status,
         latest_score, latest_report_at)
       SELECT gen_random_uuid(),
              'host-' || lpad(n::text, 5, '0'),
              ($2::text[])[1 + n % 5],
              'v' || (n % 7),
              '10.' || (n / 65536) % 256 || '.' || (n / 256) % 256 || '.' || n % 256,
              now() - (n % 90) * interval '1 day' * (n % 3) / 2
                    - (n % 600) * interval '1 second',
              now() - interval '120 days',
              'online', '{}'::jsonb,
              CASE WHEN n % 97 = 0 THEN 'pending' ELSE 'approved' END,
              ($3::text[])[1 + n % 4],
              CASE WHEN n % 4 = 3 THEN NULL ELSE (n % 100) / 100.0 END,
              CASE WHEN n % 4 = 3 THEN NULL ELSE now() - interval '1 hour' END
       FROM generate_series(1, $1::int) AS n`,
      [count, OSES, STATUSES],
    );
  } finally {
    await db.close();
  }
}
