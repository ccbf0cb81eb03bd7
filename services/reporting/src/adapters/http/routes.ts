import type { Express, Request } from 'express';
import { stringify } from 'csv-stringify/sync';
import { ForbiddenError, NotFoundError } from '@scorecard/errors';
import { parseWith, readIdentity } from '@scorecard/http';
import type { ClickHouseClient } from '@scorecard/clickhouse';
import { canReadAggregates, readScope, type Scope } from '../../domain/access';
import {
  anomalyParams,
  bonusParams,
  distributionParams,
  heatmapParams,
  leaderboardParams,
  trendsParams,
} from '@scorecard/api';
import { reportsOf } from '../clickhouse/people-store';
import {
  anomalies,
  bonusEligibility,
  departmentTrend,
  distribution,
  employeeTrend,
  heatmap,
  leaderboard,
  type PeopleFilter,
} from '../clickhouse/report-queries';

const AGGREGATES_ONLY = 'Organisation-wide reports are for HR and executives';

export function reportingRoutes(deps: { clickhouse: ClickHouseClient }) {
  const ch = deps.clickhouse;

  const scopeOf = (req: Request) => {
    const who = readIdentity(req);
    return { who, scope: readScope(who.roles, who.employeeId) };
  };
  const peopleFilter = async (tenantId: string, scope: Scope): Promise<PeopleFilter> => {
    switch (scope.kind) {
      case 'tenant':
        return { kind: 'all' };
      case 'reports':
        return { kind: 'only', ids: [...(await reportsOf(ch, tenantId, scope.managerId))] };
      case 'self':
      case 'none':
        throw new ForbiddenError('Reports across people need a manager, HR or exec role');
    }
  };

  return (app: Express) => {
    app.get('/api/v1/reports/heatmap', async (req, res) => {
      const { who, scope } = scopeOf(req);
      if (!canReadAggregates(scope)) throw new ForbiddenError(AGGREGATES_ONLY);
      const p = parseWith(heatmapParams, req.query);
      res.json({ rows: p.rows, cols: p.cols, ...(await heatmap(ch, who.tenantId, p)) });
    });

    app.get('/api/v1/reports/trends', async (req, res) => {
      const { who, scope } = scopeOf(req);
      const p = parseWith(trendsParams, req.query);
      if (p.department_id !== undefined) {
        if (!canReadAggregates(scope)) throw new ForbiddenError(AGGREGATES_ONLY);
        res.json({
          department_id: p.department_id,
          kpi_id: p.kpi_id ?? null,
          points: await departmentTrend(ch, who.tenantId, p.department_id, p.kpi_id),
        });
        return;
      }
      const employeeId = p.employee_id as string;
      const allowed =
        scope.kind === 'tenant' ||
        (scope.kind === 'self' && scope.employeeId === employeeId) ||
        (scope.kind === 'reports' &&
          (scope.managerId === employeeId ||
            (await reportsOf(ch, who.tenantId, scope.managerId)).has(employeeId)));
      // Not 403: whether someone outside your scope exists is not yours to learn.
      if (!allowed) throw new NotFoundError('No such person in your scope');
      res.json({
        employee_id: employeeId,
        kpi_id: p.kpi_id ?? null,
        points: await employeeTrend(ch, who.tenantId, employeeId, p.kpi_id),
      });
    });

    app.get('/api/v1/reports/leaderboard', async (req, res) => {
      const { who, scope } = scopeOf(req);
      const p = parseWith(leaderboardParams, req.query);
      res.json({
        period_id: p.period_id,
        kpi_id: p.kpi_id ?? null,
        ...(await leaderboard(ch, who.tenantId, p, await peopleFilter(who.tenantId, scope))),
      });
    });

    app.get('/api/v1/reports/distribution', async (req, res) => {
      const { who, scope } = scopeOf(req);
      if (!canReadAggregates(scope)) throw new ForbiddenError(AGGREGATES_ONLY);
      const p = parseWith(distributionParams, req.query);
      res.json({
        period_id: p.period_id,
        department_id: p.department_id ?? null,
        ...(await distribution(ch, who.tenantId, p)),
      });
    });

    app.get('/api/v1/reports/bonus-eligibility', async (req, res) => {
      const { who, scope } = scopeOf(req);
      if (!canReadAggregates(scope)) throw new ForbiddenError(AGGREGATES_ONLY);
      const p = parseWith(bonusParams, req.query);
      const rows = await bonusEligibility(ch, who.tenantId, p.period_id);
      if (p.format === 'json') {
        res.json({ period_id: p.period_id, rows });
        return;
      }
      const csv = stringify(
        rows.map((r) => ({
          ...r,
          eligible: r.eligible ? 'true' : 'false',
          failed_gates: r.failed_gates.join(';'),
        })),
        {
          header: true,
          columns: [
            'employee_id',
            'period_id',
            'eligible',
            'factor',
            'total_score',
            'rating_band',
            'failed_gates',
            'policy_id',
            'policy_version',
            'decided_at',
          ],
        },
      );
      res
        .type('text/csv')
        .setHeader(
          'content-disposition',
          `attachment; filename="bonus-eligibility-${p.period_id.replace(/[^\w.-]/g, '_')}.csv"`,
        )
        .send(csv);
    });

    app.get('/api/v1/reports/anomalies', async (req, res) => {
      const { who, scope } = scopeOf(req);
      const p = parseWith(anomalyParams, req.query);
      res.json({
        period_id: p.period_id,
        threshold: p.threshold,
        flags: await anomalies(ch, who.tenantId, p, await peopleFilter(who.tenantId, scope)),
      });
    });
  };
}
