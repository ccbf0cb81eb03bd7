import type { z } from 'zod';
import { kraBody } from '@scorecard/api';
import { invalid, unprocessable, zodIssues, type Checked } from './checked';

export type KraBody = z.output<typeof kraBody>;

export function checkKraBody(input: unknown, kpiExists: (id: string) => boolean): Checked<KraBody> {
  const parsed = kraBody.safeParse(input);
  if (!parsed.success) return invalid(zodIssues(parsed.error.issues));
  const seen = new Set<string>();
  const dupes = parsed.data.kpis.flatMap((k, i) => {
    const dupe = seen.has(k.kpi_id);
    seen.add(k.kpi_id);
    return dupe ? [{ path: `kpis[${i}].kpi_id`, message: 'KPI appears twice in the KRA' }] : [];
  });
  if (dupes.length > 0) return invalid(dupes);
  const unknown = parsed.data.kpis.flatMap((k, i) =>
    kpiExists(k.kpi_id) ? [] : [{ path: `kpis[${i}].kpi_id`, message: `unknown KPI ${k.kpi_id}` }],
  );
  return unknown.length > 0 ? unprocessable(unknown) : { ok: true, value: parsed.data };
}
