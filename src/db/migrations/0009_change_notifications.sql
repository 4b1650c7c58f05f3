-- App servers keep some reads in memory (src/server/services/notified-cache.ts). These
-- triggers tell every server when a kept value may be wrong. NOTIFY is delivered at commit, so
-- a rolled-back change tells nobody.
--
-- overblik_auth: a session row changed or was deleted (payload: its token hash), or users or
-- their units changed (payload '*': drop every kept session).

CREATE FUNCTION notify_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('overblik_auth', OLD.token_hash);
  RETURN NULL;
END;
$$;

CREATE TRIGGER sessions_notify_change
  AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_session_changed();

CREATE FUNCTION notify_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('overblik_auth', '*');
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_notify_change
  AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_users_changed();

CREATE TRIGGER user_units_notify_change
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_units
  FOR EACH STATEMENT EXECUTE FUNCTION notify_users_changed();

CREATE TRIGGER sessions_notify_truncate
  AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_users_changed();

-- overblik_plans: a plan's row changed (payload: its id). Every change of a plan's content
-- bumps its version in that row, in the same transaction as the areas and months.
CREATE FUNCTION notify_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('overblik_plans', OLD.id::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER action_plans_notify_change
  AFTER UPDATE OR DELETE ON action_plans
  FOR EACH ROW EXECUTE FUNCTION notify_plan_changed();

CREATE FUNCTION notify_all_plans_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('overblik_plans', '*');
  RETURN NULL;
END;
$$;

CREATE TRIGGER action_plans_notify_truncate
  AFTER TRUNCATE ON action_plans
  FOR EACH STATEMENT EXECUTE FUNCTION notify_all_plans_changed();
