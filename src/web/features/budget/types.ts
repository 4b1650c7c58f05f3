export interface Parts {
  budget: number;
  /** spending to date, state refusion (dranst 2) left out */
  actuals: number;
  committed: number;
  intake: number;
  adjustments: number;
  /** actuals + committed + intake + adjustments */
  grossForecast: number;
  /** the year's expected refusion (it includes `postedRefusion`) */
  refusion: number;
  postedRefusion: number;
  /** grossForecast − refusion */
  forecast: number;
  overspend: number;
}

export interface MonthPoint {
  month: number;
  budget: number;
  actual: number | null;
  forecast: number;
}

export interface ForecastLineView extends Parts {
  accountFunction: string;
  accountFunctionName: string;
  intakeHistory: { year: number; intake: number }[];
}

export interface ForecastUnit extends Parts {
  unitId: string;
  unitName: string;
  actionPlanRequired: boolean;
  lines: ForecastLineView[];
  months: MonthPoint[];
}

export interface ForecastView {
  year: number;
  asOf: string;
  bookedThrough: string | null;
  actualsThrough: string;
  method: { method: string; years: number; factorPercent: number; description: string };
  commitmentsAvailable: boolean;
  /** `cases`: refusion by the reimbursement rules; `posted`: no thresholds for the year */
  refusionFrom: 'cases' | 'posted';
  actionPlanThreshold: number;
  area: Parts & { months: MonthPoint[] };
  units: ForecastUnit[];
}

export interface RequiredPlans {
  threshold: number;
  items: {
    unit: { id: string; name: string };
    plan: { id: string; title: string; status: string } | null;
  }[];
}

export interface Causes {
  /** amount: the cause's effect on the expected overspend (kroner); expected/posted for income and reimbursement */
  causes: { code: string; text: string; amount: number; expected?: number; posted?: number }[];
  notDerived: string[];
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

/** GET /api/follow-up/rounds: the frozen rounds of a year with each unit's totals (kroner). */
export interface FollowUpRounds {
  year: number;
  rounds: {
    id: string;
    name: string;
    asOf: string;
    createdBy: string;
    units: {
      unitId: string;
      unitName: string;
      budget: number;
      forecast: number;
      overspend: number;
      actionPlanRequired: boolean;
    }[];
    total: { budget: number; forecast: number; overspend: number };
  }[];
}

/** GET /api/forecast/backtest: per unit, the forecasts at earlier follow-up dates and the final accounts (kroner). */
export interface Backtest {
  years: number[];
  months: number[];
  units: {
    unitId: string;
    unitName: string;
    points: { year: number; asOf: string; final: number; forecast: number }[];
  }[];
}
