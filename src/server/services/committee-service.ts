import type { Actor } from '../../domain/access';
import { signoffHolds } from '../../domain/governance/meetings';
import type { Queryable } from '../../db/database';
import { recordAudit } from '../../db/repositories/audit';
import {
  findMeeting,
  insertPresentation,
  insertSignoff,
  latestSignoff,
  findSignable,
  presentationsOf,
  signRequested,
  usersWithRole,
  type SignableRow,
  type SignoffObjectType,
} from '../../db/repositories/meetings';
import { findUserByUsername } from '../../db/repositories/users';
import type { SignoffStateJson } from '../../shared/schemas/meetings';
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import { authorize, can } from '../policies/policy';
import { danishMoment } from './action-plan-service';
import { presentPresentation } from './meeting-service';
import { notify } from './notification-service';
import { translate } from '../../shared/i18n/translate';

/**
 * The committee calendar's use cases: ledelse signs a status report or action plan off before
 * it goes to the political committee, and the report or plan is linked to the meeting where it
 * was presented. A sign-off holds for the version signed: saving the report or plan afterwards
 * raises its version and so voids the sign-off (decided: void rather than refuse the edit, so
 * a late correction is still possible but needs a new sign-off before it can go).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function objectName(type: SignoffObjectType): string {
  return translate(`objects.${type}`);
}

/** Checks the caller may read the object: 404 when it does not exist or is out of reach. */
async function readableObject(
  db: Queryable,
  actor: Actor,
  objectType: SignoffObjectType,
  objectId: string,
): Promise<{ unitId: string | null; title: string; version: number }> {
  const object = UUID.test(objectId) ? await findSignable(db, objectType, objectId) : undefined;
  if (!object) throw new AppError('not_found');
  if (objectType === 'status_report') {
    if (!can(actor, 'report.read')) throw new AppError('not_found');
  } else if (!can(actor, 'plan.read', { unitId: object.unitId })) throw new AppError('not_found');
  return object;
}

/** Where a report or plan stands: its newest sign-off and where it was presented. */
export async function getSignoffState(
  deps: AppDeps,
  actor: Actor,
  objectType: SignoffObjectType,
  objectId: string,
): Promise<SignoffStateJson> {
  const current = (await readableObject(deps.db, actor, objectType, objectId)).version;
  const signoff = await latestSignoff(deps.db, objectType, objectId);
  const presented = await presentationsOf(deps.db, objectType, objectId);
  return {
    objectType,
    objectId,
    currentVersion: current,
    signoff: signoff
      ? {
          status: signoff.status,
          objectVersion: signoff.objectVersion,
          requestedBy: signoff.requestedBy,
          requestedAt: signoff.requestedAt,
          signedByName: signoff.signedByName,
          signedAt: signoff.signedAt,
        }
      : null,
    holds: signoffHolds(signoff, current),
    presented: presented.map(presentPresentation),
  };
}

function staleVersion(objectType: SignoffObjectType, object: SignableRow) {
  return new AppError(
    'version_conflict',
    {
      object: translate('objects.named', { object: objectName(objectType), title: object.title }),
      user: object.updatedBy,
      at: danishMoment(object.updatedAt),
    },
    [],
    { currentVersion: object.version, changedBy: object.updatedBy, changedAt: object.updatedAt },
  );
}

/** Asks ledelse to sign off the version the caller has seen; ledelse is told (audited). */
export async function requestSignoff(
  deps: AppDeps,
  actor: Actor,
  input: { objectType: SignoffObjectType; objectId: string; version: number },
  requestId: string,
): Promise<SignoffStateJson> {
  const object = await readableObject(deps.db, actor, input.objectType, input.objectId);
  authorize(actor, 'signoff.request');
  await deps.db.transaction(async (tx) => {
    const locked = await findSignable(tx, input.objectType, input.objectId, true);
    if (!locked) throw new AppError('not_found');
    if (locked.version !== input.version) throw staleVersion(input.objectType, locked);
    const id = await insertSignoff(tx, {
      objectType: input.objectType,
      objectId: input.objectId,
      objectVersion: locked.version,
      status: 'requested',
      requestedBy: actor.username,
      requestedAt: deps.now(),
      signedBy: null,
      signedByName: null,
      signedAt: null,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'request_signoff',
        objectType: input.objectType,
        objectId: input.objectId,
        unitId: object.unitId,
        after: { signoffId: id, version: locked.version },
      },
      requestId,
    );
    const ledelse = await usersWithRole(tx, 'ledelse');
    await notify(
      tx,
      ledelse.map((u) => ({
        userId: u.id,
        kind: 'signoff_requested' as const,
        params: {
          object: objectName(input.objectType),
          title: locked.title,
          by: actor.displayName,
        },
        link: linkOf(input.objectType, input.objectId),
        dedupeKey: `signoff-request:${id}`,
      })),
      deps.now(),
    );
  });
  return getSignoffState(deps, actor, input.objectType, input.objectId);
}

function linkOf(objectType: SignoffObjectType, id: string): string {
  return objectType === 'status_report' ? `/rapporter/${id}` : `/handleplaner/${id}`;
}

/**
 * Ledelse signs off the version the caller has seen (409 when it has changed since): an open
 * request is turned into the sign-off, otherwise a new one is made; the requester is told
 * (audited).
 */
export async function signOff(
  deps: AppDeps,
  actor: Actor,
  input: { objectType: SignoffObjectType; objectId: string; version: number },
  requestId: string,
): Promise<SignoffStateJson> {
  const object = await readableObject(deps.db, actor, input.objectType, input.objectId);
  authorize(actor, 'signoff.sign');
  await deps.db.transaction(async (tx) => {
    const locked = await findSignable(tx, input.objectType, input.objectId, true);
    if (!locked) throw new AppError('not_found');
    if (locked.version !== input.version) throw staleVersion(input.objectType, locked);
    const latest = await latestSignoff(tx, input.objectType, input.objectId);
    if (signoffHolds(latest, locked.version)) return;
    const at = deps.now();
    let id: string;
    if (latest?.status === 'requested') {
      id = latest.id;
      await signRequested(tx, id, {
        objectVersion: locked.version,
        signedBy: actor.username,
        signedByName: actor.displayName,
        signedAt: at,
      });
    } else {
      id = await insertSignoff(tx, {
        objectType: input.objectType,
        objectId: input.objectId,
        objectVersion: locked.version,
        status: 'signed',
        requestedBy: null,
        requestedAt: null,
        signedBy: actor.username,
        signedByName: actor.displayName,
        signedAt: at,
      });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'signoff',
        objectType: input.objectType,
        objectId: input.objectId,
        unitId: object.unitId,
        before: latest ? { status: latest.status, version: latest.objectVersion } : null,
        after: { signoffId: id, version: locked.version },
      },
      requestId,
    );
    const requester = latest?.status === 'requested' && latest.requestedBy;
    const requesterId = requester ? (await findUserByUsername(tx, requester))?.id : undefined;
    if (requesterId && requesterId !== actor.userId)
      await notify(
        tx,
        [
          {
            userId: requesterId,
            kind: 'signoff_given',
            params: {
              object: objectName(input.objectType),
              title: locked.title,
              by: actor.displayName,
            },
            link: linkOf(input.objectType, input.objectId),
            dedupeKey: `signoff-given:${id}`,
          },
        ],
        at,
      );
  });
  return getSignoffState(deps, actor, input.objectType, input.objectId);
}

/**
 * Links a report or plan to the committee meeting where it was presented ("forelagt udvalget
 * den …"): only the version ledelse signed off (409 `signoff_missing` otherwise; audited).
 */
export async function presentToCommittee(
  deps: AppDeps,
  actor: Actor,
  meetingId: string,
  input: { objectType: SignoffObjectType; objectId: string; version: number },
  requestId: string,
): Promise<SignoffStateJson> {
  const meeting = UUID.test(meetingId) ? await findMeeting(deps.db, meetingId) : undefined;
  if (!meeting || (meeting.kind === 'committee' && !can(actor, 'committee.read')))
    throw new AppError('not_found');
  if (meeting.kind !== 'committee') {
    if (!can(actor, 'meeting.read', { unitId: meeting.unitId })) throw new AppError('not_found');
    authorize(actor, 'committee.write');
    throw new AppError('meeting_wrong_kind', { kind: translate('meetings.kinds.visitation') });
  }
  authorize(actor, 'committee.write');
  const object = await readableObject(deps.db, actor, input.objectType, input.objectId);
  await deps.db.transaction(async (tx) => {
    const locked = await findSignable(tx, input.objectType, input.objectId, true);
    if (!locked) throw new AppError('not_found');
    if (locked.version !== input.version) throw staleVersion(input.objectType, locked);
    const signoff = await latestSignoff(tx, input.objectType, input.objectId);
    if (!signoff || !signoffHolds(signoff, locked.version))
      throw new AppError('signoff_missing', {
        object: translate('objects.named', {
          object: objectName(input.objectType),
          title: locked.title,
        }),
        version: locked.version,
      });
    const added = await insertPresentation(tx, {
      meetingId,
      objectType: input.objectType,
      objectId: input.objectId,
      objectVersion: locked.version,
      signoffId: signoff.id,
      by: actor.username,
      at: deps.now(),
    });
    if (!added) return;
    await recordAudit(
      tx,
      actor,
      {
        action: 'present',
        objectType: input.objectType,
        objectId: input.objectId,
        unitId: object.unitId,
        after: {
          meetingId,
          heldOn: meeting.heldOn,
          version: locked.version,
          signoffId: signoff.id,
        },
      },
      requestId,
    );
  });
  return getSignoffState(deps, actor, input.objectType, input.objectId);
}
