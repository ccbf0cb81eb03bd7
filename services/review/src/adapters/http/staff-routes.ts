import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseWith, readIdentity } from '@scorecard/http';
import {
  assignStaffKpi,
  deactivateStaffKpis,
  listStaffKpis,
  setStaffKpiStatus,
} from '../../app/manage-staff-kpis';
import { myDashboard, myScorecard } from '../../app/my-scorecards';

const listQuery = z.object({ status: z.enum(['all', 'active']).optional() });
const assignBody = z
  .object({
    kpi_id: z.string().min(1).optional(),
    kpi_module_id: z.string().min(1).optional(),
    weight: z.number().finite().min(0).optional(),
    custom_target: z.number().finite().optional(),
    is_required: z.boolean().optional(),
  })
  .refine((b) => b.kpi_id !== undefined || b.kpi_module_id !== undefined, {
    path: ['kpi_id'],
    message: 'kpi_id (or kpi_module_id) is required',
  });
const statusBody = z.object({
  status: z.enum(['active', 'inactive']),
  reason: z.string().trim().min(1).max(4000).optional(),
});
const deactivateBody = z.object({ reason: z.string().trim().min(1).max(4000).optional() }).default({});

/** Staff KPIs (coaching paths) and the employee's own views. */
export function staffRoutes(ds: DataSource) {
  return (app: Express) => {
    app.get('/api/v1/hr/staff/:staffId/kpis', async (req, res) => {
      const q = parseWith(listQuery, req.query);
      res.json(await listStaffKpis(ds, readIdentity(req), req.params.staffId, q.status === 'all'));
    });
    app.post('/api/v1/hr/staff/:staffId/kpis', async (req, res) => {
      const b = parseWith(assignBody, req.body);
      const kpiId = (b.kpi_id ?? b.kpi_module_id) as string;
      res.status(201).json(
        await assignStaffKpi(ds, readIdentity(req), req.params.staffId, {
          kpi_id: kpiId,
          weight: b.weight,
          custom_target: b.custom_target,
          is_required: b.is_required,
        }),
      );
    });
    app.patch('/api/v1/hr/staff/:staffId/kpis/:kpiId/status', async (req, res) => {
      res.json(
        await setStaffKpiStatus(
          ds,
          readIdentity(req),
          req.params.staffId,
          req.params.kpiId,
          parseWith(statusBody, req.body),
        ),
      );
    });
    app.post('/api/v1/hr/staff/:staffId/deactivate-kpis', async (req, res) => {
      res.json(
        await deactivateStaffKpis(
          ds,
          readIdentity(req),
          req.params.staffId,
          parseWith(deactivateBody, req.body ?? {}).reason,
        ),
      );
    });
    app.get('/api/v1/me/dashboard', async (req, res) => {
      res.json(await myDashboard(ds, readIdentity(req)));
    });
    app.get('/api/v1/me/scorecards/:periodId', async (req, res) => {
      res.json(await myScorecard(ds, readIdentity(req), req.params.periodId));
    });
  };
}
