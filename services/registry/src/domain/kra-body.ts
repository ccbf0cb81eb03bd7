import { z } from 'zod';
import { invalid, unprocessable, zodIssues, type Checked } from './checked';

const positive = z.number().finite().gt(0, 'must be > 0');

const kraSchema = z.object({
  name: z.string().min(1, 'must be a non-empty string'),
  description: z.string().optional(),
  weight_default: positive,
  /** The KRA↔KPI map: the KPIs this KRA groups, with an optional weight for each. */
  kpis: z.array(z.object({ kpi_id: z.string().min(1), weight_override: positive.optional() })).default([]),
});

export type KraBody = z.output<typeof kraSchema>;

export function checkKraBody(input: unknown, kpiExists: (id: string) => boolean): Checked<KraBody> {
  const parsed = kraSchema.safeParse(input);
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
