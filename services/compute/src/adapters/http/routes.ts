import type { Express, Request } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '@scorecard/errors';
import {
  bindingPreviewBody,
  computeQuery,
  periodBody,
  periodQuery,
  resultsQuery,
  settingsBody,
} from '@scorecard/api';
import { parseWith, readIdentity, type Identity } from '@scorecard/http';
import { inTransaction } from '@scorecard/db';
import { scorePreview } from '@scorecard/scoring';
import { isValidTimeZone } from '../../domain/zoned-time';
import { openPeriod } from '../../app/open-period';
import { previewBinding } from '../../app/preview-binding';
import { readEvidence } from '../../app/read-evidence';
import { readResults } from '../../app/read-results';
import { requestCompute } from '../../app/request-compute';
import { getRun } from '../postgres/runs-store';
import { listPeriods } from '../postgres/periods-store';
import { readSettings, updateSettings } from '../../app/tenant-settings';

// Narrows the contract's shape with the IANA check, which needs compute's time-zone rules.
const settingsBodyChecked = settingsBody.refine(
  (b) => b.timezone === undefined || isValidTimeZone(b.timezone),
  {
    path: ['timezone'],
    message: 'not an IANA timezone',
  },
);

const writers = ['hr', 'exec', 'admin'];
function requireRole(req: Request, roles: readonly string[]) {
  const who = readIdentity(req);
  if (!who.roles.some((r) => roles.includes(r)))
    throw new ForbiddenError(`Requires one of: ${roles.join(', ')}`);
  return who;
}

export function computeRoutes(deps: { ds: DataSource; defaultTimezone: string }) {
  const { ds } = deps;
  /** A person's period read (default person: the caller) under the results' row-level rule. */
  const forPersonPeriod = async <T extends { code: 'ok' }>(
    req: Request,
    read: (
      em: EntityManager,
      who: Identity,
      periodId: string,
      employeeId: string,
    ) => Promise<T | { code: 'forbidden' } | { code: 'not_found' }>,
  ) => {
    const who = readIdentity(req);
    const q = parseWith(resultsQuery, req.query);
    const employeeId = q.employee_id ?? who.employeeId;
    if (!employeeId) throw new ValidationError([{ path: 'employee_id', message: 'required' }]);
    const out = await read(ds.manager, who, q.period_id, employeeId);
    if (out.code === 'forbidden') throw new ForbiddenError(`No access to the results of ${employeeId}`);
    if (out.code === 'not_found') throw new NotFoundError(`No results for ${employeeId} in ${q.period_id}`);
    return { q, employeeId, out };
  };
  return (app: Express) => {
    // The what-if calculator: the same scoring code path as a compute run, no I/O.
    app.post('/api/v1/performance/score-preview', (req, res) => {
      readIdentity(req);
      const result = scorePreview(req.body);
      if (!result.ok)
        throw new ValidationError(result.errors.map((e) => ({ path: e.path, message: e.message })));
      res.json(result.value);
    });

    app.get('/api/v1/performance/periods', async (req, res) => {
      const who = readIdentity(req);
      const q = parseWith(periodQuery, req.query);
      res.json({ periods: await listPeriods(ds.manager, who.tenantId, q.status) });
    });

    app.post('/api/v1/performance/periods', async (req, res) => {
      const who = requireRole(req, writers);
      const body = parseWith(periodBody, req.body);
      const out = await inTransaction(ds, (em) =>
        openPeriod(em, who.tenantId, body.frequency, body.start, deps.defaultTimezone),
      );
      if (out.code === 'invalid_start')
        throw new ValidationError([
          { path: 'start', message: 'expected a date (YYYY-MM-DD) or an ISO-8601 instant' },
        ]);
      res.status(out.created ? 201 : 200).json(out.period);
    });

    app.get('/api/v1/performance/settings', async (req, res) => {
      const who = readIdentity(req);
      res.json(await readSettings(ds.manager, who.tenantId, deps.defaultTimezone));
    });

    app.post('/api/v1/performance/settings', async (req, res) => {
      const who = requireRole(req, writers);
      const body = parseWith(settingsBodyChecked, req.body);
      res.json(await inTransaction(ds, (em) => updateSettings(em, who.tenantId, body, deps.defaultTimezone)));
    });

    app.post('/api/v1/performance/compute', async (req, res) => {
      const who = requireRole(req, writers);
      const q = parseWith(computeQuery, req.query);
      const out = await inTransaction(ds, (em) =>
        requestCompute(em, who.tenantId, q.period_id, q.employee_id ?? null, q.trigger ?? 'api'),
      );
      if (out.code === 'unknown_period') throw new NotFoundError(`No period ${q.period_id}`);
      if (out.code === 'period_finalized') throw new ConflictError(`Period ${q.period_id} is finalized`);
      res.status(202).json({ run_id: out.runId });
    });

    app.get('/api/v1/performance/runs/:id', async (req, res) => {
      const who = readIdentity(req);
      const run = await getRun(ds.manager, who.tenantId, String(req.params['id']));
      if (!run) throw new NotFoundError(`No run ${req.params['id']}`);
      res.json({
        run_id: run.id,
        period_id: run.period_id,
        employee_id: run.employee_id,
        trigger: run.trigger,
        status: run.status,
        progress: { done: run.done, total: run.total ?? 0 },
        changed: run.changed,
        error: run.error,
        requested_at: run.requested_at.toISOString(),
        started_at: run.started_at?.toISOString() ?? null,
        finished_at: run.finished_at?.toISOString() ?? null,
      });
    });

    app.get('/api/v1/performance/results', async (req, res) => {
      const { out } = await forPersonPeriod(req, readResults);
      res.json(out.result);
    });

    // The evidence alone (no mechanics): what the employee's own scorecard page lists per KPI.
    app.get('/api/v1/performance/evidence', async (req, res) => {
      const { q, employeeId, out } = await forPersonPeriod(req, readEvidence);
      res.json({ employee_id: employeeId, period_id: q.period_id, kpis: out.kpis });
    });

    app.post('/api/v1/admin/bindings/:id/preview', async (req, res) => {
      const who = requireRole(req, ['admin', 'hr']);
      const body = parseWith(bindingPreviewBody, req.body);
      const out = await previewBinding(
        ds.manager,
        who.tenantId,
        String(req.params['id']),
        body.employee_id,
        body.period_id,
        deps.defaultTimezone,
      );
      if (out.code === 'unknown_binding') throw new NotFoundError(`No binding ${req.params['id']}`);
      if (out.code === 'unknown_period') throw new NotFoundError(`No period ${body.period_id}`);
      if (out.code === 'invalid_binding')
        throw new UnprocessableError('The binding does not compile', out.errors);
      const { code: _code, ...view } = out;
      res.json(view);
    });
  };
}
