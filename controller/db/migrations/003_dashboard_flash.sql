-- What a dashboard page shows once, after the redirect that follows a form
-- post: a new enrollment secret or a reset password. Only ciphertext is
-- stored; its key lives in the admin's browser cookie, so neither this
-- table nor the cookie alone reveals the secret. Reading a row deletes it.
CREATE TABLE dashboard_flash (
  -- SHA-256 of the cookie's id, so the table cannot be used to find one.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sealed text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX dashboard_flash_expires_idx ON dashboard_flash (expires_at);
