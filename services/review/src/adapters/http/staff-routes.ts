import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import {
  assignStaffKpiBody,
  deactivateStaffKpisBody,
  staffKpiStatusBody,
  staffKpisQuery,
} from '@scorecard/api';
import { parseWith, readIdentity } from '@scorecard/http';
import {
  assignStaffKpi,
  deactivateStaffKpis,
  listStaffKpis,
  setStaffKpiStatus,
} from '../../app/manage-staff-kpis';
import { myDashboard, myScorecard } from '../../app/my-scorecards';

/** Staff KPIs (coaching paths) and the employee's own views. */
export function staffRoutes(ds: DataSource) {
  return (app: Express) => {
    app.get('/api/v1/hr/staff/:staffId/kpis', async (req, res) => {
      const q = parseWith(staffKpisQuery, req.query);
      res.json(await listStaffKpis(ds, readIdentity(req), req.params.staffId, q.status === 'all'));
    });
    app.post('/api/v1/hr/staff/:staffId/kpis', async (req, res) => {
      const b = parseWith(assignStaffKpiBody, req.body);
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
          parseWith(staffKpiStatusBody, req.body),
        ),
      );
    });
    app.post('/api/v1/hr/staff/:staffId/deactivate-kpis', async (req, res) => {
      res.json(
        await deactivateStaffKpis(
          ds,
          readIdentity(req),
          req.params.staffId,
          parseWith(deactivateStaffKpisBody, req.body ?? {}).reason,
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
