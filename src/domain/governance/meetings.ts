import type { Role } from '../access';
import { addDays, daysInMonth, toDayNumber, type IsoDate } from '../months';

/**
 * Visitation meetings (visitationsmøder) and the political committee's calendar: the rules,
 * without I/O or clock ("today" is always an argument).
 */

export const MEETING_KINDS = ['visitation', 'committee'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** A meeting's decision on a case put forward (stored with the ASCII spelling of afslået). */
export const MEETING_DECISIONS = ['bevilget', 'afslaaet', 'udsat'] as const;
export type MeetingDecision = (typeof MEETING_DECISIONS)[number];

/** The roles that take part in a visitation meeting, in the order the minutes list them. */
export const PARTICIPANT_ROLES = [
  'funktionsleder',
  'faglig_koordinator',
  'raadgiver',
  'okonomikonsulent',
] as const satisfies readonly Role[];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface Participant {
  role: ParticipantRole;
  name: string;
}

/**
 * What a decision does to the pending approval the item stands for: bevilget approves it (the
 * grant is made), afslået rejects it, udsat leaves it pending for a later meeting.
 */
export function approvalEffect(decision: MeetingDecision): 'approved' | 'rejected' | null {
  if (decision === 'bevilget') return 'approved';
  if (decision === 'afslaaet') return 'rejected';
  return null;
}

/** A decision needs a reason; bevilget also needs the amount granted. */
export function decisionProblems(input: {
  decision: MeetingDecision;
  reason: string;
  amountOre: number | null;
}): { path: 'reason' | 'amount'; code: string }[] {
  const problems: { path: 'reason' | 'amount'; code: string }[] = [];
  if (input.reason.trim() === '') problems.push({ path: 'reason', code: 'required' });
  if (input.decision === 'bevilget' && input.amountOre === null)
    problems.push({ path: 'amount', code: 'required' });
  if (input.decision !== 'bevilget' && input.amountOre !== null && input.amountOre !== 0)
    problems.push({ path: 'amount', code: 'only_when_granted' });
  return problems;
}

/** An item can be decided until it has a decision; an udsat item is carried to a later meeting. */
export function isOpenItem(item: { decision: MeetingDecision | null }): boolean {
  return item.decision === null;
}

/**
 * The committee's months for status reports on the specialised children's area: May and
 * November, as in the reference ("status maj"; November and May).
 */
export const STATUS_REPORT_MONTHS = [5, 11] as const;

/** The days before a committee meeting by which material must be sent, by default. */
export const DEFAULT_MATERIAL_LEAD_DAYS = 14;

/**
 * A committee calendar for a year: one meeting in each status-report month, on the second
 * Tuesday, with the deadline for material two weeks before. A suggestion for the demo and for
 * the form; the municipality's real dates are entered as they are.
 */
export function statusReportMeetings(
  year: number,
): { heldOn: IsoDate; materialDeadline: IsoDate }[] {
  return STATUS_REPORT_MONTHS.map((month) => {
    const heldOn = nthWeekday(year, month, 2, 2);
    return { heldOn, materialDeadline: addDays(heldOn, -DEFAULT_MATERIAL_LEAD_DAYS) };
  });
}

/** The n-th (1-based) weekday (0 = Sunday … 6 = Saturday) of a month. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): IsoDate {
  const first = `${year}-${String(month).padStart(2, '0')}-01` as IsoDate;
  const firstWeekday = (toDayNumber(first) + 4) % 7; // 1970-01-01 was a Thursday
  const offset = (weekday - firstWeekday + 7) % 7;
  const day = 1 + offset + (n - 1) * 7;
  if (day > daysInMonth(year, month)) throw new RangeError('no such weekday in the month');
  return addDays(first, offset + (n - 1) * 7);
}

/** Days from `today` to `date` (negative when past). */
export function daysUntil(today: IsoDate, date: IsoDate): number {
  return toDayNumber(date) - toDayNumber(today);
}

/** The days before a material deadline on which those who send material are reminded. */
export const DEADLINE_NOTICE_DAYS = 7;

/** A committee deadline is approaching from DEADLINE_NOTICE_DAYS before it until the day itself. */
export function deadlineApproaching(today: IsoDate, deadline: IsoDate | null): boolean {
  if (!deadline) return false;
  const days = daysUntil(today, deadline);
  return days >= 0 && days <= DEADLINE_NOTICE_DAYS;
}

/**
 * A sign-off holds for the version signed only: when the report or plan has been saved since,
 * its version is higher and the sign-off is void (a new one is needed before it can go).
 */
export function signoffHolds(
  signoff: { status: 'requested' | 'signed'; objectVersion: number } | undefined,
  currentVersion: number,
): boolean {
  return signoff?.status === 'signed' && signoff.objectVersion === currentVersion;
}

/**
 * The day and the local "HH:MM" of an instant in a time zone, for the daily digest: the digest
 * of a day is due once that day's local time has passed the digest time.
 */
export function localDayAndTime(instant: Date, timeZone: string): { day: IsoDate; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}` as IsoDate,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** The day whose digest is due at `instant`, or null before the day's digest time. */
export function digestDayDue(instant: Date, timeZone: string, digestTime: string): IsoDate | null {
  const { day, time } = localDayAndTime(instant, timeZone);
  return time >= digestTime ? day : null;
}
