-- Administration of the organisation and users, single sign-on, and a searchable audit trail.

-- A unit is a virksomhed, an område or an afdeling under a centre.
ALTER TABLE units ADD COLUMN kind text NOT NULL DEFAULT 'omraade'
  CHECK (kind IN ('virksomhed', 'omraade', 'afdeling'));

-- Logins compare user names without regard to case, so two users may not differ only by case.
CREATE UNIQUE INDEX users_username_lower_idx ON users (lower(username));

-- Single sign-on: the state, nonce and PKCE verifier of a login that has gone to the identity
-- provider and not yet come back. Kept in the database because app servers are stateless.
CREATE TABLE oidc_logins (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_username, at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);

-- Nobody but the table's owner (the role that runs migrations) may change the trail; the
-- triggers from 0001 refuse UPDATE, DELETE and TRUNCATE even to the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
