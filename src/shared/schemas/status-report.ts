/** The status report as the API answers it (amounts in kroner). */
export interface StatusReportFocusAreaJson {
  title: string;
  action: string;
  judgement: string;
  cost: { group: string; provider: string | null } | null;
  families: { band: string } | null;
  figures: {
    cost: {
      baseline: { year: number; asOf: string; amount: number };
      current: { year: number; asOf: string; amount: number };
      changePercent: number | null;
    } | null;
    families: {
      band: string;
      baseline: { date: string; families: number; perFamily: number };
      current: { date: string; families: number; perFamily: number };
    } | null;
  };
}

export interface StatusReportJson {
  id: string;
  title: string;
  year: number;
  asOf: string;
  intro: string;
  closing: string;
  status: 'draft' | 'final';
  version: number;
  updatedAt: string;
  updatedBy: string;
  finalisedAt: string | null;
  finalisedBy: string | null;
  /** true when the figures were frozen when the report was marked final */
  frozen: boolean;
  focusAreas: StatusReportFocusAreaJson[];
  /** computed indicators of the year up to the as-of date (src/server/services/indicator-service.ts) */
  indicators?: ReportIndicatorsJson | null;
}

interface OnTimeJson {
  held: number;
  onTime: number;
  overdue: number;
  percent: number | null;
}

export interface ReportIndicatorsJson {
  from: string;
  asOf: string;
  /**
   * the day reviews are registered in Overblik from (ÅÅÅÅ-MM-DD; null: from the beginning).
   * When `asOf` is before it there is no reviews figure (per cent null); else the reviews are
   * counted from the later of it and `from`.
   */
  reviewsRegisteredFrom: string | null;
  /** reviews held on time: all cases, and efterværn cases */
  reviews: OnTimeJson;
  eftervaernReviews: OnTimeJson;
  /** households with more than one measure in force on the date, all ages */
  families: { date: string; families: number; interventions: number };
  /** efterværn measures reduced or ended by decisions in the period; amount in kroner (negative) */
  eftervaernSteppedDown: { count: number; amount: number };
  /** approvals given and rejected in the period; null when no approval rule was in force by its date */
  approvals: { given: number; rejected: number } | null;
}

export interface StatusReportListItemJson {
  id: string;
  title: string;
  year: number;
  asOf: string;
  status: 'draft' | 'final';
  version: number;
  updatedAt: string;
  updatedBy: string;
}
