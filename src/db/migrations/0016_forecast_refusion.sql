-- Expected refusion in the forecast: a frozen follow-up line keeps the refusion its forecast was
-- net of (forecast = actuals + committed + intake + adjustments − refusion). Lines frozen before
-- this had none deducted: 0. Their actuals included any refusion posted then.
ALTER TABLE followup_round_lines ADD COLUMN refusion_ore bigint NOT NULL DEFAULT 0;
