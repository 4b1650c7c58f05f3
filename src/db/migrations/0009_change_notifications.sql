-- App servers keep some reads in memory (src/server/services/notified-cache.ts). These
-- triggers tell every server when a kept value may be wrong. NOTIFY is delivered at commit, so
-- a rolled-back change tells nobody.
--
-- overblik_auth: a session row changed or was deleted (payload: its token hash), or users or
-- their units changed (payload '*': drop every kept session).
-- overblik_plans: a plan's row changed (payload: its id). Every change of a plan's content
-- bumps its version in that row, in the same transaction as the areas and months.

-- TG_ARGV[0] is the channel. A row trigger with TG_ARGV[1] sends that column of the old row;
-- otherwise the payload is '*'.
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND TG_NARGS > 1 THEN
    PERFORM pg_notify(TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]);
  ELSE
    PERFORM pg_notify(TG_ARGV[0], '*');
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER sessions_notify_change
  AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_change('overblik_auth', 'token_hash');

CREATE TRIGGER sessions_notify_truncate
  AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('overblik_auth');

CREATE TRIGGER users_notify_change
  AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('overblik_auth');

CREATE TRIGGER user_units_notify_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_units
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('overblik_auth');

CREATE TRIGGER action_plans_notify_change
  AFTER UPDATE OR DELETE ON action_plans
  FOR EACH ROW EXECUTE FUNCTION notify_change('overblik_plans', 'id');

CREATE TRIGGER action_plans_notify_truncate
  AFTER TRUNCATE ON action_plans
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change('overblik_plans');
