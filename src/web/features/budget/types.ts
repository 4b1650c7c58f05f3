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

/**
 * The forecast's answers as the API declares them (src/shared/schemas/forecast.ts): the parts
 * (kroner) a forecast is made of, its months, lines and units.
 */
export type Parts = ForecastParts;
export type MonthPoint = ForecastMonth;
export type ForecastLineView = ForecastLine;
export type ForecastUnit = ForecastUnitType;
export type ForecastView = Forecast;

export interface RequiredPlans {
  threshold: number;
  items: {
    unit: { id: string; name: string };
    plan: { id: string; title: string; status: string } | null;
  }[];
}

export interface BudgetLine {
  id: string;
  unitId: string;
  unitName: string;
  accountFunction: string;
  original: number;
  transfer: number;
  corrections: { id: string; date: string; amount: number; reason: string; by: string }[];
  corrected: number;
  version: number;
}

export interface JobView {
  id: string;
  /** 'dead': given up after its attempts were used up (see docs/operations.md). */
  status: 'queued' | 'running' | 'done' | 'failed' | 'dead';
  progress: number;
  error: string | null;
  result: {
    postingCount: number;
    lateCount: number;
    errorCount: number;
    fileIssues: string[];
    issues: { line: number; column: string; message: string }[];
  } | null;
}

/** GET /api/forecast/causes: the causes derived from the data, each with its effect (kroner). */
export type Causes = CausesType;
/** GET /api/follow-up/rounds: the frozen rounds of a year with each unit's totals (kroner). */
export type FollowUpRounds = RoundList;
/** GET /api/forecast/backtest: per unit, earlier forecasts against the final accounts (kroner). */
export type Backtest = BacktestSchemaType;
