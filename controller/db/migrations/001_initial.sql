-- The seed's four tables keep their names and columns; cefleet adds
-- approval, token, latest-report and expiry columns, and the tables for
-- enrollment secrets, per-check results and the audit log.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  email text UNIQUE,
  hashed_password text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  is_admin boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  -- Sessions issued before this instant are no longer accepted.
  sessions_valid_from timestamptz NOT NULL
);

CREATE TABLE enroll_secrets (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- SHA-256 of the secret: secrets are long and random, so a fast hash is
  -- enough and lets registration find the row by its hash.
  secret_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  last_used_at timestamptz,
  uses integer NOT NULL DEFAULT 0
);

CREATE TABLE agents (
  id uuid PRIMARY KEY,
  hostname text NOT NULL,
  os text NOT NULL,
  os_version text,
  ip text,
  last_seen timestamptz,
  registered_at timestamptz NOT NULL,
  -- The API derives online/offline/inactive from last_seen when it reads;
  -- this column keeps the seed's shape and the last state written.
  status text NOT NULL DEFAULT 'online',
  -- SHA-256 of the current token's id; a token whose id hashes to anything
  -- else has been revoked.
  auth_key_hash text,
  metadata jsonb NOT NULL DEFAULT '{}',
  approval text NOT NULL DEFAULT 'approved'
    CHECK (approval IN ('approved', 'pending')),
  machine_id text,
  enroll_secret_id uuid REFERENCES enroll_secrets (id) ON DELETE SET NULL,
  latest_report_id uuid,
  latest_report_at timestamptz,
  latest_status text,
  latest_score double precision
);

CREATE INDEX agents_hostname_idx ON agents (lower(hostname) text_pattern_ops);
CREATE INDEX agents_last_seen_idx ON agents (last_seen);
CREATE INDEX agents_os_idx ON agents (lower(os));
CREATE INDEX agents_latest_status_idx ON agents (latest_status);
CREATE INDEX agents_registered_at_idx ON agents (registered_at);
CREATE INDEX agents_pending_idx ON agents (approval) WHERE approval = 'pending';
CREATE UNIQUE INDEX agents_machine_idx ON agents (machine_id)
  WHERE machine_id IS NOT NULL;

CREATE TABLE reports (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  timestamp timestamptz NOT NULL,
  mode text NOT NULL,
  overall_status text NOT NULL,
  overall_score double precision NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE INDEX reports_agent_time_idx ON reports (agent_id, timestamp DESC);
CREATE INDEX reports_time_idx ON reports (timestamp DESC);
CREATE INDEX reports_status_time_idx ON reports (overall_status, timestamp DESC);

CREATE TABLE report_checks (
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  check_id text NOT NULL,
  control text NOT NULL,
  title text NOT NULL,
  status text NOT NULL,
  severity text NOT NULL,
  requirement text NOT NULL,
  expected text NOT NULL,
  actual text NOT NULL,
  evidence jsonb NOT NULL,
  remediation text NOT NULL,
  PRIMARY KEY (report_id, check_id)
);

CREATE INDEX report_checks_control_idx ON report_checks (control, status);

CREATE TABLE commands (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  command_type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'running', 'completed', 'failed', 'expired')),
  result jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX commands_agent_status_idx ON commands (agent_id, status);
CREATE INDEX commands_open_idx ON commands (expires_at)
  WHERE status IN ('pending', 'running');
CREATE INDEX commands_created_idx ON commands (created_at DESC);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
