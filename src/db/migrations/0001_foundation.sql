-- Organisation, users, sessions, settings and the audit trail: the ground every capability uses.

CREATE TABLE settings (
  id integer PRIMARY KEY CHECK (id = 1),
  municipality_name text NOT NULL,
  -- "Ved forventning om merforbrug over 100.000 kr." — strictly greater than this amount, in øre.
  action_plan_threshold_ore bigint NOT NULL DEFAULT 10000000 CHECK (action_plan_threshold_ore >= 0),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO settings (id, municipality_name) VALUES (1, 'Kommunen');

CREATE TABLE centers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  responsible text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  center_id uuid NOT NULL REFERENCES centers (id),
  name text NOT NULL UNIQUE,
  responsible text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_center_idx ON units (center_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text,
  oidc_subject text UNIQUE,
  roles text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_units (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, unit_id)
);

-- Sessions live in the database so that any app server can serve any request.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  address text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_username_idx ON login_attempts (username, at);
CREATE INDEX login_attempts_address_idx ON login_attempts (address, at);

-- Append-only: who changed what and when, written in the same transaction as the change.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_username text NOT NULL,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  unit_id uuid,
  before jsonb,
  after jsonb,
  request_id text
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

