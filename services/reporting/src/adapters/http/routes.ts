import type { Express } from 'express';
import { z } from 'zod';
import { ForbiddenError } from '@scorecard/errors';
import { parseWith, readIdentity } from '@scorecard/http';
import type { ClickHouseClient } from '@scorecard/clickhouse';
import { trendOf } from '../clickhouse/score-store';

const trendsQuery = z.object({ employee_id: z.string().min(1).max(200) });

/** Roles that read across people; everyone else reads only their own record. */
const CROSS_PERSON = ['manager', 'hr', 'exec'];

export function reportingRoutes(deps: { clickhouse: ClickHouseClient }) {
  return (app: Express) => {
    app.get('/api/v1/reports/trends', async (req, res) => {
      const who = readIdentity(req);
      const q = parseWith(trendsQuery, req.query);
      if (q.employee_id !== who.employeeId && !who.roles.some((r) => CROSS_PERSON.includes(r))) {
        throw new ForbiddenError("Only your own trend, unless you're a manager, HR or exec");
      }
      const points = await trendOf(deps.clickhouse, who.tenantId, q.employee_id);
      res.json({ employee_id: q.employee_id, points });
    });
  };
}
