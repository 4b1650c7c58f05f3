import type { RequiredPlans as RequiredPlansType } from '../../../shared/schemas/action-plan-required';
import type { BudgetLine as BudgetLineType } from '../../../shared/schemas/budget';
import type {
  Backtest as BacktestSchemaType,
  Causes as CausesType,
  Forecast,
  ForecastMonth,
  ForecastParts,
  ForecastUnit as ForecastUnitType,
  ForecastLine,
  RoundList,
} from '../../../shared/schemas/forecast';
import type { Job } from '../../../shared/schemas/jobs';

/**
 * The answers the budget screens read, as the API declares them (src/shared/schemas/): the parts
 * (kroner) a forecast is made of, its months, lines and units.
 */
export type Parts = ForecastParts;
export type MonthPoint = ForecastMonth;
export type ForecastLineView = ForecastLine;
export type ForecastUnit = ForecastUnitType;
export type ForecastView = Forecast;

/** GET /action-plans/required: the units above the threshold, with their plans (kroner). */
export type RequiredPlans = RequiredPlansType;
/** A line of GET /budgets/{year}, with its corrections (kroner). */
export type BudgetLine = BudgetLineType;
/** GET /jobs/{id}: a background job ('dead': given up after its attempts, docs/operations.md). */
export type JobView = Job;

/** GET /api/forecast/causes: the causes derived from the data, each with its effect (kroner). */
export type Causes = CausesType;
/** GET /api/follow-up/rounds: the frozen rounds of a year with each unit's totals (kroner). */
export type FollowUpRounds = RoundList;
/** GET /api/forecast/backtest: per unit, earlier forecasts against the final accounts (kroner). */
export type Backtest = BacktestSchemaType;
