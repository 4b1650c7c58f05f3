-- Plans tied to the forecast: each "forventet merforbrug" figure of a plan keeps where it came
-- from. 'forecast': filled from the forecast as of `as_of` (the figure the forecast gave then is
-- kept in `forecast_ore`); 'override': typed by hand over the forecast, with a reason;
-- 'manual': typed by hand because the unit had no forecast for the year (no budget). Rows from
-- before this migration have no source (NULL): typed by hand.
-- An intervention area may name what it acts on (a category group, a provider kind, an account
-- function or a unit); its realised effect is then measured from the commitments.

ALTER TABLE action_plans
  ADD COLUMN at_start_source text CHECK (at_start_source IN ('forecast', 'override', 'manual')),
  ADD COLUMN at_start_as_of date,
  ADD COLUMN at_start_forecast_ore bigint,
  ADD COLUMN at_start_reason text,
  ADD COLUMN after_update_source text CHECK (after_update_source IN ('forecast', 'override', 'manual')),
  ADD COLUMN after_update_as_of date,
  ADD COLUMN after_update_forecast_ore bigint,
  ADD COLUMN after_update_reason text;

ALTER TABLE action_plan_areas
  ADD COLUMN acts_on_kind text CHECK (acts_on_kind IN ('category_group', 'provider', 'account_function', 'unit')),
  ADD COLUMN acts_on_value text,
  ADD CONSTRAINT action_plan_areas_acts_on CHECK ((acts_on_kind IS NULL) = (acts_on_value IS NULL));
