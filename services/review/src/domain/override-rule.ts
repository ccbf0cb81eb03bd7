// What makes an override acceptable: a reason, a known target, and a value on the score scale up to
// the stretch the KPI's method allows (0 ≤ new ≤ 100 × cap).

export type OverrideEntity = 'kpi' | 'kra' | 'overall';

export interface OverrideRequest {
  entity_type: OverrideEntity;
  entity_id?: string | undefined;
  new_score: number;
  reason: string;
}

/** Method caps of the scorecard's KPIs, by KRA (a KPI's cap is 1 unless its method pays stretch). */
export interface CapIndex {
  kras: { kra_id: string; kpis: { kpi_id: string; cap: number }[] }[];
}

export type OverrideCheck =
  | { ok: true; entity_id: string; max: number }
  | { ok: false; code: 'reason_required' | 'unknown_entity' | 'out_of_range'; path: string; message: string };

export function checkOverride(req: OverrideRequest, caps: CapIndex): OverrideCheck {
  if (req.reason.trim() === '')
    return { ok: false, code: 'reason_required', path: 'reason', message: 'a reason is required' };
  const cap = capFor(req, caps);
  if (cap === null)
    return {
      ok: false,
      code: 'unknown_entity',
      path: 'entity_id',
      message: `no ${req.entity_type} ${req.entity_id ?? ''} on this scorecard`.trimEnd(),
    };
  const max = 100 * cap;
  if (!Number.isFinite(req.new_score) || req.new_score < 0 || req.new_score > max)
    return { ok: false, code: 'out_of_range', path: 'new_score', message: `must be between 0 and ${max}` };
  return { ok: true, entity_id: req.entity_type === 'overall' ? '' : (req.entity_id ?? ''), max };
}

/** A KPI's own cap; a KRA or the overall may reach the highest cap of the KPIs under it. */
function capFor(req: OverrideRequest, caps: CapIndex): number | null {
  const maxOf = (values: number[]) => (values.length === 0 ? 1 : Math.max(1, ...values));
  switch (req.entity_type) {
    case 'overall':
      return maxOf(caps.kras.flatMap((k) => k.kpis.map((p) => p.cap)));
    case 'kra': {
      const kra = caps.kras.find((k) => k.kra_id === req.entity_id);
      return kra === undefined ? null : maxOf(kra.kpis.map((p) => p.cap));
    }
    case 'kpi': {
      for (const kra of caps.kras) {
        const kpi = kra.kpis.find((p) => p.kpi_id === req.entity_id);
        if (kpi !== undefined) return kpi.cap;
      }
      return null;
    }
  }
}
