import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseWith, readIdentity } from '@scorecard/http';
import { addNote } from '../../app/add-note';
import { addOverride } from '../../app/add-override';
import { changeScorecardStatus } from '../../app/change-scorecard-status';
import { finalizePeriod } from '../../app/finalize-period';
import { getScorecard } from '../../app/get-scorecard';
import { listExceptions, EXCEPTION_TYPES } from '../../app/list-exceptions';
import { listScorecards } from '../../app/list-scorecards';
import { queryAuditLog } from '../../app/query-audit-log';

const listQuery = z.object({
  period_id: z.string().min(1).optional(),
  scope: z.enum(['team', 'all']).optional(),
});
const overrideBody = z.object({
  entity_type: z.enum(['kpi', 'kra', 'overall']),
  entity_id: z.string().min(1).optional(),
  new_score: z.number().finite(),
  reason: z
    .string({ required_error: 'a reason is required' })
    .trim()
    .min(1, 'a reason is required')
    .max(4000),
});
const noteBody = z.object({ note: z.string().trim().min(1).max(10_000) });
const disputeBody = z.object({
  reason: z.string().trim().min(1).max(4000),
  kind: z.enum(['general', 'wrong_attribution']).default('general'),
  kpi_id: z.string().min(1).optional(),
  record: z
    .object({ source: z.string().min(1), entity: z.string().min(1), id: z.string().min(1) })
    .optional(),
});
const resolveBody = z.object({ resolution: z.string().trim().min(1).max(4000) });
const exceptionsQuery = z.object({ type: z.enum(EXCEPTION_TYPES), period_id: z.string().min(1).optional() });
const auditQuery = z.object({
  entity: z.string().min(1).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

/** Scorecard review, finalization, exception queues and the audit log. */
export function reviewRoutes(ds: DataSource, opts: { webhookUrls: readonly string[]; now: () => Date }) {
  return (app: Express) => {
    app.get('/api/v1/review/scorecards', async (req, res) => {
      const q = parseWith(listQuery, req.query);
      res.json(
        await listScorecards(ds, readIdentity(req), {
          ...(q.period_id ? { periodId: q.period_id } : {}),
          ...(q.scope ? { scope: q.scope } : {}),
        }),
      );
    });
    app.get('/api/v1/review/scorecards/:id', async (req, res) => {
      res.json(await getScorecard(ds, readIdentity(req), req.params.id));
    });
    app.post('/api/v1/review/scorecards/:id/overrides', async (req, res) => {
      res
        .status(201)
        .json(await addOverride(ds, readIdentity(req), req.params.id, parseWith(overrideBody, req.body)));
    });
    app.post('/api/v1/review/scorecards/:id/notes', async (req, res) => {
      res
        .status(201)
        .json(await addNote(ds, readIdentity(req), req.params.id, parseWith(noteBody, req.body).note));
    });
    app.post('/api/v1/review/scorecards/:id/submit', async (req, res) => {
      res.json(await changeScorecardStatus(ds, readIdentity(req), req.params.id, { action: 'submit' }));
    });
    app.post('/api/v1/review/scorecards/:id/approve', async (req, res) => {
      res.json(await changeScorecardStatus(ds, readIdentity(req), req.params.id, { action: 'approve' }));
    });
    app.post('/api/v1/review/scorecards/:id/dispute', async (req, res) => {
      const dispute = parseWith(disputeBody, req.body);
      res.json(
        await changeScorecardStatus(ds, readIdentity(req), req.params.id, { action: 'dispute', dispute }),
      );
    });
    app.post('/api/v1/review/scorecards/:id/resolve', async (req, res) => {
      const { resolution } = parseWith(resolveBody, req.body);
      res.json(
        await changeScorecardStatus(ds, readIdentity(req), req.params.id, { action: 'resolve', resolution }),
      );
    });
    app.post('/api/v1/review/periods/:id/finalize', async (req, res) => {
      res.json(await finalizePeriod(ds, readIdentity(req), req.params.id, opts));
    });
    app.get('/api/v1/review/exceptions', async (req, res) => {
      const q = parseWith(exceptionsQuery, req.query);
      res.json({
        type: q.type,
        items: await listExceptions(
          ds,
          readIdentity(req),
          q.type,
          q.period_id ? { periodId: q.period_id } : {},
          opts.now,
        ),
      });
    });
    app.get('/api/v1/audit', async (req, res) => {
      const q = parseWith(auditQuery, req.query);
      res.json(await queryAuditLog(ds, readIdentity(req), q));
    });
  };
}
