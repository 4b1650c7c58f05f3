-- The forecast and its backtest are kept whole for the versions of everything they are computed
-- from (migrations 0027 and 0028; src/server/services/kept-figures.ts). Kept only in each app
-- server's memory, every server started, and every server besides the one that computed them,
-- paid the whole computation again on its first read: seconds of CPU for a large municipality.
-- Kept here too, an answer computed once for a pair of versions serves every app server until
-- something it is computed from changes; the servers themselves keep nothing that must survive.
--
-- The key is a hash of the answer's name, the versions and its inputs (scope, dates, method), so
-- a row can only be found for the very versions it was computed for: a change anywhere bumps a
-- version and the next read misses and computes afresh. The counters only ever grow, so an old
-- key never comes back. Rows of older versions are removed when a new answer is kept.

CREATE TABLE kept_figures (
  key text PRIMARY KEY,
  name text NOT NULL,
  version text NOT NULL,
  -- the answer as JSON text, exactly as it was computed (the routes answer it as JSON)
  answer text NOT NULL,
  kept_at timestamptz NOT NULL DEFAULT now()
);
