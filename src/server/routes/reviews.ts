import { createRoute, z } from '@hono/zod-openapi';
import { REVIEW_TRACKS } from '../../domain/governance/reviews';
import { parseIsoDate } from '../../domain/months';
import {
  CaseReviewsSchema,
  DueReviewListSchema,
  ReviewInput,
  ReviewLinkInput,
  ReviewRuleInput,
  ReviewRuleSchema,
  ReviewSchema,
} from '../../shared/schemas/reviews';
import { requireActor } from '../middleware/require-actor';
import { createRouter, jsonAnswer, jsonBody, problemResponses } from '../openapi';
import {
  caseReviews,
  dueReviews,
  getReviewRules,
  linkReview,
  recordReview,
  saveReviewRule,
} from '../services/review-service';
import { FreeText } from '../../shared/schemas/text';
import { mustBeOneOf } from '../errors';
import { translate } from '../../shared/i18n/translate';

const Review = ReviewSchema;

const due = createRoute({
  method: 'get',
  path: '/reviews/due',
  tags: ['Reviews'],
  summary:
    'Cases due or overdue for review on a date (default today), with the role expected to hold the review and who holds it in the unit',
  request: {
    query: z.object({
      asOf: z
        .string()
        .refine((s) => parseIsoDate(s) !== null, translate('validation.invalid_date'))
        .optional(),
      unit: FreeText.max(200).optional(),
      mine: z
        .enum(['true', 'false', '1', '0'], { error: mustBeOneOf(['true', 'false']) })
        .optional(),
      state: z.enum(['due', 'overdue'], { error: mustBeOneOf(['due', 'overdue']) }).optional(),
    }),
  },
  responses: {
    200: jsonAnswer('Gennemgange', DueReviewListSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});
const list = createRoute({
  method: 'get',
  path: '/cases/{id}/reviews',
  tags: ['Reviews'],
  summary: "A case's reviews (newest first) and its next review; the read is logged",
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: jsonAnswer('Gennemgange', CaseReviewsSchema),
    ...problemResponses(401, 403, 404),
  },
});
const record = createRoute({
  method: 'post',
  path: '/cases/{id}/reviews',
  tags: ['Reviews'],
  summary: 'Record a review held on a case (audited)',
  request: { params: z.object({ id: z.string() }), body: jsonBody(ReviewInput) },
  responses: {
    201: jsonAnswer('Registreret', Review),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});
const link = createRoute({
  method: 'put',
  path: '/cases/{id}/reviews/{reviewId}/adjustment',
  tags: ['Reviews'],
  summary:
    'Link a review to the adjustment it led to, or remove the link (409 when stale; audited)',
  request: {
    params: z.object({ id: z.string(), reviewId: z.string() }),
    body: jsonBody(ReviewLinkInput),
  },
  responses: { 200: jsonAnswer('Gemt', Review), ...problemResponses(401, 403, 404, 409, 422) },
});
const rules = createRoute({
  method: 'get',
  path: '/review-rules',
  tags: ['Reviews'],
  summary: "The review schedule's rules (data the administrator tunes)",
  responses: {
    200: jsonAnswer('Regler', z.object({ items: z.array(ReviewRuleSchema) })),
    ...problemResponses(401, 403),
  },
});
const saveRule = createRoute({
  method: 'put',
  path: '/review-rules/{track}',
  tags: ['Reviews'],
  summary: 'Change a rule of the review schedule (administrators; 409 when stale; audited)',
  request: {
    params: z.object({
      track: z.enum(REVIEW_TRACKS, { error: translate('validation.unknownRule') }),
    }),
    body: jsonBody(ReviewRuleInput),
  },
  responses: {
    200: jsonAnswer('Gemt', ReviewRuleSchema),
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

export const reviewRoutes = createRouter()
  .openapi(due, async (c) => {
    const q = c.req.valid('query');
    const result = await dueReviews(
      c.get('deps'),
      requireActor(c),
      { asOf: q.asOf, unit: q.unit, mine: q.mine === 'true' || q.mine === '1', state: q.state },
      c.get('requestId'),
    );
    return c.json(result, 200);
  })
  .openapi(list, async (c) =>
    c.json(
      await caseReviews(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.get('requestId'),
      ),
      200,
    ),
  )
  .openapi(record, async (c) =>
    c.json(
      await recordReview(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.get('requestId'),
      ),
      201,
    ),
  )
  .openapi(link, async (c) => {
    const p = c.req.valid('param');
    const input = c.req.valid('json');
    const review = await linkReview(
      c.get('deps'),
      requireActor(c),
      { caseId: p.id, reviewId: p.reviewId, ...input },
      c.get('requestId'),
    );
    return c.json(review, 200);
  })
  .openapi(rules, async (c) =>
    c.json({ items: await getReviewRules(c.get('deps'), requireActor(c)) }, 200),
  )
  .openapi(saveRule, async (c) => {
    const { version, ...rule } = c.req.valid('json');
    const saved = await saveReviewRule(
      c.get('deps'),
      requireActor(c),
      { track: c.req.valid('param').track, ...rule },
      version,
      c.get('requestId'),
    );
    return c.json(saved, 200);
  });
