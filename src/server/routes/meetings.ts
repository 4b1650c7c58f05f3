import { createRoute, z } from '@hono/zod-openapi';
import {
  AgendaItemInput,
  DecisionInput,
  MeetingInput,
  MeetingListSchema,
  MeetingSchema,
  PendingVisitationListSchema,
  PresentationInput,
  SignoffInput,
  SignoffStateSchema,
} from '../../shared/schemas/meetings';
import { requireActor } from '../middleware/require-actor';
import { MEDIA_TYPES } from '../../reports/files';
import {
  createRouter,
  fileAnswer,
  fileContent,
  jsonAnswer,
  jsonBody,
  problemResponses,
} from '../openapi';
import { todayIn } from '../context';
import {
  getSignoffState,
  presentToCommittee,
  requestSignoff,
  signOff,
} from '../services/committee-service';
import {
  addAgendaItem,
  createMeeting,
  decideAgendaItem,
  getMeeting,
  listMeetings,
  minutesOf,
  pendingVisitations,
  updateMeeting,
} from '../services/meeting-service';
import { IsoDateText } from '../../shared/schemas/dates';
import { FreeText } from '../../shared/schemas/text';
import { mustBeOneOf } from '../errors';
import { translate } from '../../shared/i18n/translate';

const Meeting = MeetingSchema;
const SignoffState = SignoffStateSchema;
const id = z.object({ id: z.string() });
const date = IsoDateText.optional();

const list = createRoute({
  method: 'get',
  path: '/meetings',
  tags: ['Meetings'],
  summary: 'Visitation meetings of the units the caller may read, and committee meetings',
  request: {
    query: z.object({
      kind: z
        .enum(['visitation', 'committee'], { error: mustBeOneOf(['visitation', 'committee']) })
        .optional(),
      from: date,
      to: date,
      unit: FreeText.max(200).optional(),
    }),
  },
  responses: { 200: jsonAnswer('Møder', MeetingListSchema), ...problemResponses(401, 403, 422) },
});
const create = createRoute({
  method: 'post',
  path: '/meetings',
  tags: ['Meetings'],
  summary: 'Create a visitation meeting (for a unit) or a committee meeting (audited)',
  request: { body: jsonBody(MeetingInput) },
  responses: {
    201: jsonAnswer('Oprettet', Meeting),
    ...problemResponses(401, 403, 422),
  },
});
const get = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags: ['Meetings'],
  summary: 'One meeting with its agenda and decisions, or what was presented',
  request: { params: id },
  responses: { 200: jsonAnswer('Mødet', Meeting), ...problemResponses(401, 403, 404) },
});
const put = createRoute({
  method: 'put',
  path: '/meetings/{id}',
  tags: ['Meetings'],
  summary: "Save a meeting's date, title, participants, deadline and note (409 on a stale version)",
  request: {
    params: id,
    body: jsonBody(z.intersection(MeetingInput, z.object({ version: z.number().int().min(1) }))),
  },
  responses: { 200: jsonAnswer('Gemt', Meeting), ...problemResponses(401, 403, 404, 409, 422) },
});
const pending = createRoute({
  method: 'get',
  path: '/meetings/pending-visitations',
  tags: ['Meetings'],
  summary: 'Pending visitation items (til visitation) not yet on an open agenda',
  request: { query: z.object({ unit: z.string().optional() }) },
  responses: {
    200: jsonAnswer('Sager til visitation', PendingVisitationListSchema),
    ...problemResponses(401, 403),
  },
});
const addItem = createRoute({
  method: 'post',
  path: '/meetings/{id}/items',
  tags: ['Meetings'],
  summary: 'Put a case forward on a visitation meeting’s agenda (audited)',
  request: { params: id, body: jsonBody(AgendaItemInput) },
  responses: {
    201: jsonAnswer('På dagsordenen', Meeting),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});
const decide = createRoute({
  method: 'post',
  path: '/meetings/{id}/items/{itemId}/decision',
  tags: ['Meetings'],
  summary:
    'Record the decision on a case: bevilget / afslaaet decide its pending approval, udsat keeps it pending (audited)',
  request: {
    params: z.object({ id: z.string(), itemId: z.string() }),
    body: jsonBody(DecisionInput),
  },
  responses: { 200: jsonAnswer('Afgjort', Meeting), ...problemResponses(401, 403, 404, 409, 422) },
});
const minutes = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes',
  tags: ['Meetings'],
  summary: 'The minutes (referat) of a visitation meeting as Word or PDF',
  request: {
    params: id,
    query: z.object({
      format: z.enum(['docx', 'pdf'], { error: mustBeOneOf(['docx', 'pdf']) }).default('docx'),
    }),
  },
  responses: {
    200: {
      description: 'Referatet',
      content: fileContent('docx', 'pdf'),
    },
    ...problemResponses(401, 403, 404, 422),
  },
});
const present = createRoute({
  method: 'post',
  path: '/meetings/{id}/presentations',
  tags: ['Committee'],
  summary:
    'Link a status report or action plan to the committee meeting where it was presented (needs ledelse’s sign-off of that version; audited)',
  request: { params: id, body: jsonBody(PresentationInput) },
  responses: {
    200: jsonAnswer('Forelagt', SignoffState),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});
const signoffState = createRoute({
  method: 'get',
  path: '/signoffs/{objectType}/{objectId}',
  tags: ['Committee'],
  summary: "A report's or plan's sign-off and where it was presented",
  request: {
    params: z.object({
      objectType: z.enum(['status_report', 'action_plan'], {
        error: translate('validation.unknownDocumentType'),
      }),
      objectId: z.string(),
    }),
  },
  responses: { 200: jsonAnswer('Godkendelse', SignoffState), ...problemResponses(401, 404, 422) },
});
const requestRoute = createRoute({
  method: 'post',
  path: '/signoffs/requests',
  tags: ['Committee'],
  summary: 'Ask ledelse to sign off a report or plan (ledelse is notified; audited)',
  request: { body: jsonBody(SignoffInput) },
  responses: {
    200: jsonAnswer('Anmodet', SignoffState),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});
const sign = createRoute({
  method: 'post',
  path: '/signoffs',
  tags: ['Committee'],
  summary: 'Ledelse signs off the given version of a report or plan (409 when stale; audited)',
  request: { body: jsonBody(SignoffInput) },
  responses: {
    200: jsonAnswer('Godkendt', SignoffState),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

export const meetingRoutes = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const items = await listMeetings(c.get('deps'), requireActor(c), {
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.unit ? { unitId: q.unit } : {}),
    });
    return c.json({ items }, 200);
  })
  .openapi(create, async (c) => {
    const meeting = await createMeeting(
      c.get('deps'),
      requireActor(c),
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(meeting, 201);
  })
  .openapi(pending, async (c) => {
    const items = await pendingVisitations(
      c.get('deps'),
      requireActor(c),
      c.req.valid('query').unit,
    );
    return c.json({ items }, 200);
  })
  .openapi(get, async (c) =>
    c.json(
      await getMeeting(c.get('deps'), requireActor(c), c.req.valid('param').id, c.get('requestId')),
      200,
    ),
  )
  .openapi(put, async (c) => {
    const meeting = await updateMeeting(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(meeting, 200);
  })
  .openapi(addItem, async (c) => {
    const meeting = await addAgendaItem(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('requestId'),
    );
    return c.json(meeting, 201);
  })
  .openapi(decide, async (c) => {
    const deps = c.get('deps');
    const { id: meetingId, itemId } = c.req.valid('param');
    const meeting = await decideAgendaItem(
      deps,
      requireActor(c),
      meetingId,
      itemId,
      c.req.valid('json'),
      c.get('requestId'),
      todayIn(deps),
    );
    return c.json(meeting, 200);
  })
  .openapi(minutes, async (c) => {
    const meeting = await minutesOf(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.get('requestId'),
    );
    const format = c.req.valid('query').format;
    const name = `referat-visitationsmoede-${meeting.heldOn}`;
    if (format === 'pdf') {
      const { renderMinutesPdf } = await import('../../reports/meeting-minutes-pdf');
      const file = await renderMinutesPdf(meeting);
      return fileAnswer(c, {
        body: new Uint8Array(file),
        contentType: MEDIA_TYPES.pdf,
        filename: `${name}.pdf`,
      });
    }
    const { renderMinutesDocx } = await import('../../reports/meeting-minutes-docx');
    const file = await renderMinutesDocx(meeting);
    return fileAnswer(c, {
      body: new Uint8Array(file),
      contentType: MEDIA_TYPES.docx,
      filename: `${name}.docx`,
    });
  })
  .openapi(present, async (c) =>
    c.json(
      await presentToCommittee(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('requestId'),
      ),
      200,
    ),
  )
  .openapi(signoffState, async (c) => {
    const p = c.req.valid('param');
    return c.json(
      await getSignoffState(c.get('deps'), requireActor(c), p.objectType, p.objectId),
      200,
    );
  })
  .openapi(requestRoute, async (c) =>
    c.json(
      await requestSignoff(c.get('deps'), requireActor(c), c.req.valid('json'), c.get('requestId')),
      200,
    ),
  )
  .openapi(sign, async (c) =>
    c.json(
      await signOff(c.get('deps'), requireActor(c), c.req.valid('json'), c.get('requestId')),
      200,
    ),
  );
