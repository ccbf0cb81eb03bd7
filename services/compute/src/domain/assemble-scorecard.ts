import { effectiveKpi, KPI_CATEGORIES, type KpiCategory, type KpiDefinition } from '@scorecard/scoring';
import type { KpiConfig, KraConfig, TemplateVersion } from './registry-config';

/**
 * A person's staff KPI assignment as review publishes it (STAFF_KPI_CHANGED). `active_to` null =
 * still active.
 */
export interface StaffKpi {
  staff_kpi_id: string;
  kpi_id: string;
  /** template (a contract's template) | manual | role_default */
  source: string;
  contract_template_id: string | null;
  custom_target: number | null;
  weight: number | null;
  active_from: string;
  active_to: string | null;
}

/** Where a KPI on the scorecard, its target and its weight came from (the explanation's `origin`). */
export interface KpiOrigin {
  /** template: the scorecard template; contract_template / manual / role_default: a staff KPI. */
  kpi: 'template' | 'contract_template' | 'manual' | 'role_default';
  template: { id: string; version: number } | null;
  staff_kpi_id: string | null;
  contract_template_id: string | null;
  target: 'kpi' | 'template_item' | 'staff_kpi';
  weight: 'template_item' | 'kra_kpi' | 'kpi_default' | 'staff_kpi';
}

export interface AssembledKpi {
  kpi_id: string;
  /** The effective definition: template item and staff KPI targets / methods applied. */
  kpi: KpiDefinition;
  /** Wins over kra_weight and the KPI default (template item weight, or the staff KPI's). */
  weight: number | null;
  /** KRA↔KPI mapping weight. */
  kra_weight: number | null;
  origin: KpiOrigin;
}

export interface AssembledKra {
  kra_id: string;
  name: string | null;
  weight: number;
  /** A KRA of the template, or one per coaching category for staff KPIs outside the template. */
  origin: 'template' | 'category';
  kpis: AssembledKpi[];
}

export interface AssembledScorecard {
  template: { id: string; version: number } | null;
  kras: AssembledKra[];
  /** The staff KPIs on the scorecard (pinned in the snapshot and hashed), by KPI id. */
  staffKpis: StaffKpi[];
}

export interface AssemblyInput {
  template: TemplateVersion | null;
  /** The person's staff KPIs active during the period (see `activeInPeriod`). */
  staffKpis: readonly StaffKpi[];
  kpis: ReadonlyMap<string, KpiConfig>;
  kras: ReadonlyMap<string, KraConfig>;
}

/** Staff KPIs whose active span [active_from, active_to) overlaps the half-open period. */
export function activeInPeriod(
  staffKpis: readonly StaffKpi[],
  period: { start: string; end: string },
): StaffKpi[] {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  return staffKpis.filter(
    (s) => Date.parse(s.active_from) < end && (s.active_to === null || Date.parse(s.active_to) > start),
  );
}

/** KRA id and name of a coaching category's KRA. */
export const categoryKraId = (category: KpiCategory) => `category:${category}`;
export const categoryKraName = (category: KpiCategory) =>
  category.charAt(0).toUpperCase() + category.slice(1).replace(/_/g, ' ');

const STAFF_ORIGIN: Record<string, KpiOrigin['kpi']> = {
  template: 'contract_template',
  manual: 'manual',
  role_default: 'role_default',
};

/**
 * A person's scorecard for a period (DESIGN §8): the KPIs of the template that resolved for them ∪
 * their staff KPIs active in the period. A staff KPI's custom_target replaces the target and its
 * weight, when set, the weight. A staff KPI the template lacks joins the template KRA that lists it
 * (KRA↔KPI map), else a KRA per coaching category — equal weights without a template, the average
 * template KRA weight beside one. KPIs the read model does not know (yet) are left out.
 */
export function assembleScorecard(input: AssemblyInput): AssembledScorecard {
  const { template } = input;
  const pinned = template ? { id: template.template_id, version: template.version } : null;
  const staff = new Map<string, StaffKpi>();
  for (const s of [...input.staffKpis].sort(
    (a, b) => cmp(a.kpi_id, b.kpi_id) || cmp(a.staff_kpi_id, b.staff_kpi_id),
  ))
    if (input.kpis.has(s.kpi_id) && !staff.has(s.kpi_id)) staff.set(s.kpi_id, s);

  const placed = new Set<string>();
  const kras: AssembledKra[] = (template?.kras ?? []).map((kra) => {
    const mapping = input.kras.get(kra.kra_id)?.kpis ?? [];
    const kraWeight = (kpiId: string) => mapping.find((m) => m.kpi_id === kpiId)?.weight_override ?? null;
    const kpis = kra.kpis.flatMap((item): AssembledKpi[] => {
      const def = input.kpis.get(item.kpi_id);
      if (!def || placed.has(item.kpi_id)) return [];
      placed.add(item.kpi_id);
      const s = staff.get(item.kpi_id);
      const base = effectiveKpi(stripConfig(def), item);
      const kra_weight = kraWeight(item.kpi_id);
      return [
        {
          kpi_id: item.kpi_id,
          kpi: s?.custom_target != null ? { ...base, target: s.custom_target } : base,
          weight: s?.weight ?? item.weight ?? null,
          kra_weight,
          origin: {
            kpi: 'template',
            template: pinned,
            staff_kpi_id: s?.staff_kpi_id ?? null,
            contract_template_id: s?.contract_template_id ?? null,
            target:
              s?.custom_target != null
                ? 'staff_kpi'
                : item.target_override !== undefined
                  ? 'template_item'
                  : 'kpi',
            weight:
              s?.weight != null
                ? 'staff_kpi'
                : item.weight !== undefined
                  ? 'template_item'
                  : kra_weight !== null
                    ? 'kra_kpi'
                    : 'kpi_default',
          },
        },
      ];
    });
    return {
      kra_id: kra.kra_id,
      name: input.kras.get(kra.kra_id)?.name ?? null,
      weight: kra.weight,
      origin: 'template',
      kpis,
    };
  });

  const byCategory = new Map<KpiCategory, AssembledKpi[]>();
  for (const s of staff.values()) {
    if (placed.has(s.kpi_id)) continue;
    const def = input.kpis.get(s.kpi_id) as KpiConfig;
    const kpi =
      s.custom_target === null ? stripConfig(def) : { ...stripConfig(def), target: s.custom_target };
    // A template KRA that lists the KPI in the KRA library takes it.
    const home = kras.find((k) => input.kras.get(k.kra_id)?.kpis?.some((m) => m.kpi_id === s.kpi_id));
    const kra_weight = home
      ? (input.kras.get(home.kra_id)?.kpis?.find((m) => m.kpi_id === s.kpi_id)?.weight_override ?? null)
      : null;
    const assembled: AssembledKpi = {
      kpi_id: s.kpi_id,
      kpi,
      weight: s.weight,
      kra_weight,
      origin: {
        kpi: STAFF_ORIGIN[s.source] ?? 'manual',
        template: null,
        staff_kpi_id: s.staff_kpi_id,
        contract_template_id: s.contract_template_id,
        target: s.custom_target === null ? 'kpi' : 'staff_kpi',
        weight: s.weight !== null ? 'staff_kpi' : kra_weight !== null ? 'kra_kpi' : 'kpi_default',
      },
    };
    placed.add(s.kpi_id);
    if (home) home.kpis.push(assembled);
    else byCategory.set(kpi.category, [...(byCategory.get(kpi.category) ?? []), assembled]);
  }

  const categories = KPI_CATEGORIES.filter((c) => byCategory.has(c));
  const categoryWeight =
    kras.length > 0
      ? kras.reduce((sum, k) => sum + k.weight, 0) / kras.length
      : 100 / Math.max(1, categories.length);
  return {
    template: pinned,
    kras: [
      ...kras,
      ...categories.map((c): AssembledKra => ({
        kra_id: categoryKraId(c),
        name: categoryKraName(c),
        weight: categoryWeight,
        origin: 'category',
        kpis: byCategory.get(c) ?? [],
      })),
    ],
    staffKpis: [...staff.values()],
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The registry's KPI state carries id/active/etc.; scoring wants the definition only. */
function stripConfig(def: KpiConfig): KpiDefinition {
  const { id: _id, active: _active, ...kpi } = def;
  return kpi;
}
