-- Login limits counted atomically (one INSERT … ON CONFLICT per attempt, before the password is
-- checked), and browsers that logged in before, which pass an account's wait (docs/security.md,
-- "Logging in"). Replaces the log of every attempt, which was counted after the check and so
-- could be raced.
DROP TABLE login_attempts;

CREATE TABLE login_throttle (
  -- 'account:<user name as typed, lower case>', 'device:<token hash>' or 'address:<address>'
  key text PRIMARY KEY,
  attempts integer NOT NULL,
  last_at timestamptz NOT NULL,
  -- the next attempt is counted from this time on; earlier ones are refused (429)
  open_at timestamptz NOT NULL
);

CREATE TABLE login_devices (
  -- SHA-256 of the random token in the browser's HttpOnly cookie overblik_device
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL
);
CREATE INDEX login_devices_user_idx ON login_devices (user_id);
