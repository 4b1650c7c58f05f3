import { useEffect, useState } from 'react';
import { api } from '../../api';
import { may, type SessionUser } from '../../auth';
import { today } from '../../format';
import type { ApprovalJson } from '../../../shared/schemas/approvals';
import type { MeetingItemJson, MeetingJson } from '../../../shared/schemas/meetings';
import type { DueReviewJson } from '../../../shared/schemas/reviews';

/** The roles whose work brings tasks (approvals, visitation items, reviews). */
const TASK_ROLES = ['funktionsleder', 'faglig_koordinator', 'raadgiver'];

/** Does the user have a "Mine opgaver": a task role, or the right to decide approvals. */
export function hasTasks(user: SessionUser | null | undefined): boolean {
  if (!user) return false;
  return user.roles.some((r) => TASK_ROLES.includes(r)) || may(user, 'approval.decide');
}

/** A case put forward to a coming visitation meeting the user takes part in, not yet decided. */
export interface VisitationTask {
  meeting: MeetingJson;
  item: MeetingItemJson;
}

export interface Tasks {
  /** pending approvals the user may decide here */
  approvals: ApprovalJson[];
  /** the user's own requests still waiting */
  ownRequests: ApprovalJson[];
  visitations: VisitationTask[];
  /** reviews due or overdue, held in one of the user's roles in their units */
  reviews: DueReviewJson[];
}

const normalise = (s: string) => s.trim().toLocaleLowerCase('da');

/**
 * Does the user take part in the meeting: a participant in one of the user's roles, named as
 * the user is. Participants are recorded by role and name (the minutes list them so).
 */
export function takesPart(user: SessionUser, meeting: MeetingJson): boolean {
  return meeting.participants.some(
    (p) => user.roles.includes(p.role) && normalise(p.name) === normalise(user.displayName),
  );
}

async function loadTasks(user: SessionUser): Promise<Tasks> {
  const list = <T>(path: string) => api<{ items: T[] }>(path).then((r) => r.items);
  const [approvals, ownRequests, meetings, reviews] = await Promise.all([
    may(user, 'approval.decide') ? list<ApprovalJson>('/approvals?status=pending') : [],
    may(user, 'case.write') ? list<ApprovalJson>('/approvals?status=pending&mine=true') : [],
    may(user, 'meeting.read')
      ? list<MeetingJson>(`/meetings?kind=visitation&from=${today()}`)
      : ([] as MeetingJson[]),
    may(user, 'review.record') ? list<DueReviewJson>('/reviews/due?mine=true') : [],
  ]);
  const mine = meetings.filter((m) => m.openCount > 0 && takesPart(user, m));
  const full = await Promise.all(mine.map((m) => api<MeetingJson>(`/meetings/${m.id}`)));
  const visitations = full.flatMap((meeting) =>
    (meeting.items ?? [])
      .filter((item) => item.decision === null)
      .map((item) => ({ meeting, item })),
  );
  return { approvals: approvals.filter((a) => a.canDecide), ownRequests, visitations, reviews };
}

/** The user's tasks, loaded once (null while loading). */
export function useTasks(user: SessionUser | null | undefined) {
  const [tasks, setTasks] = useState<Tasks | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!user || !hasTasks(user)) return;
    let current = true;
    loadTasks(user)
      .then((t) => current && setTasks(t))
      .catch((e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [user]);
  return { tasks, error };
}
