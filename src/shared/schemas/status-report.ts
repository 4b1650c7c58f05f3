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
