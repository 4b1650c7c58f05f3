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

async function loadVisitations(user: SessionUser): Promise<VisitationTask[]> {
  const { items } = await api<{ items: MeetingJson[] }>(
    `/meetings?kind=visitation&from=${today()}`,
  );
  const mine = items.filter((m) => m.openCount > 0 && takesPart(user, m));
  const full = await Promise.all(mine.map((m) => api<MeetingJson>(`/meetings/${m.id}`)));
  return full.flatMap((meeting) =>
    (meeting.items ?? [])
      .filter((item) => item.decision === null)
      .map((item) => ({ meeting, item })),
  );
}

/** Tasks as they arrive: a list is null while it loads. */
export type LoadingTasks = { [K in keyof Tasks]: Tasks[K] | null };

const items = <T>(path: string) => api<{ items: T[] }>(path).then((r) => r.items);

/**
 * The user's tasks, each list loaded on its own (a list is null while it loads, so a slow one
 * does not hold back the others); lists the user has no right to are empty.
 */
export function useTasks(user: SessionUser | null | undefined) {
  const [tasks, setTasks] = useState<LoadingTasks>({
    approvals: null,
    ownRequests: null,
    visitations: null,
    reviews: null,
  });
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!user || !hasTasks(user)) return;
    let current = true;
    const load = <K extends keyof Tasks>(key: K, work: Promise<Tasks[K]> | null) => {
      (work ?? Promise.resolve([] as unknown as Tasks[K]))
        .then((value) => current && setTasks((t) => ({ ...t, [key]: value })))
        .catch((e: unknown) => current && setError(e));
    };
    load(
      'approvals',
      may(user, 'approval.decide')
        ? items<ApprovalJson>('/approvals?status=pending').then((a) => a.filter((x) => x.canDecide))
        : null,
    );
    load(
      'ownRequests',
      may(user, 'case.write') ? items<ApprovalJson>('/approvals?status=pending&mine=true') : null,
    );
    load('visitations', may(user, 'meeting.read') ? loadVisitations(user) : null);
    load(
      'reviews',
      may(user, 'review.record') ? items<DueReviewJson>('/reviews/due?mine=true') : null,
    );
    return () => {
      current = false;
    };
  }, [user]);
  return { tasks, error };
}
