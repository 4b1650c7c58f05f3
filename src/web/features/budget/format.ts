import { daysInMonth } from '../../../domain/months';
import { today } from '../../format';

/** The last follow-up date before today: the end of the previous month (within `year`). */
export function defaultAsOf(year: number): string {
  const t = today();
  const y = Number(t.slice(0, 4));
  const m = Number(t.slice(5, 7));
  if (year < y) return `${year}-12-31`;
  if (year > y || m === 1) return `${year}-01-31`;
  const prev = m - 1;
  return `${year}-${String(prev).padStart(2, '0')}-${String(daysInMonth(year, prev)).padStart(2, '0')}`;
}
