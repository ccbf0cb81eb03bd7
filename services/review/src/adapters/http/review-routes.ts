import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import {
  auditQuery,
  disputeBody,
  exceptionsQuery,
  noteBody,
  overrideBody,
  resolveBody,
  scorecardListQuery,
} from '@scorecard/api';
import { parseWith, readIdentity } from '@scorecard/http';
import { addNote } from '../../app/add-note';
import { addOverride } from '../../app/add-override';
import { changeScorecardStatus } from '../../app/change-scorecard-status';
import { finalizePeriod } from '../../app/finalize-period';
import { getScorecard } from '../../app/get-scorecard';
import { listExceptions } from '../../app/list-exceptions';
import { listScorecards } from '../../app/list-scorecards';
import { queryAuditLog } from '../../app/query-audit-log';

/** Scorecard review, finalization, exception queues and the audit log. */
export function reviewRoutes(ds: DataSource, opts: { webhookUrls: readonly string[]; now: () => Date }) {
  return (app: Express) => {
    app.get('/api/v1/review/scorecards', async (req, res) => {
      const q = parseWith(scorecardListQuery, req.query);
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
