// Scorecard templates for the 15 care role groups: the five universal KPIs and the group's
// defaults, one KRA per coaching category. Every KPI weighs the same in the total, so a KRA's
// weight is its share of the template's KPIs (largest remainder to make 100).
import type { KpiCategory } from '@scorecard/scoring';
import { coachingKpis, ROLE_GROUPS, UNIVERSAL_KPI_SLUGS } from './coaching-kpis';

type RoleGroup = (typeof ROLE_GROUPS)[number];

/** KRA id of each coaching category (`productivity` and `compliance` are the ISP library's own). */
export const CATEGORY_KRA: Record<KpiCategory, string> = {
  culture: 'culture',
  operational: 'operational',
  safety: 'safety',
  communication: 'communication',
  compliance: 'compliance',
  care_quality: 'care-quality',
  productivity: 'productivity',
  financial: 'financial',
  leadership: 'leadership',
};

/** The coaching KRAs the ISP library does not already have. */
export const COACHING_KRAS = [
  {
    id: 'culture',
    name: 'Culture',
    description: 'Conduct, values and how people work together.',
    weight_default: 10,
  },
  {
    id: 'operational',
    name: 'Operational',
    description: 'Reliable, on-time delivery of the roster.',
    weight_default: 15,
  },
  {
    id: 'safety',
    name: 'Safety',
    description: 'Safe supports: training, medication and incident practice.',
    weight_default: 20,
  },
  {
    id: 'communication',
    name: 'Communication',
    description: 'Timely, complete communication with people, families and colleagues.',
    weight_default: 10,
  },
  {
    id: 'care-quality',
    name: 'Care quality',
    description: 'Outcomes and experience of the people supported.',
    weight_default: 25,
  },
  {
    id: 'financial',
    name: 'Financial',
    description: 'Funding, billing and budgets managed well.',
    weight_default: 10,
  },
  {
    id: 'leadership',
    name: 'Leadership',
    description: 'Supervision, development and retention of the team.',
    weight_default: 15,
  },
  {
    id: 'core-expectations',
    name: 'Core expectations',
    description:
      'What every person is asked for, whatever the role: conduct, attendance, safety, communication, records.',
    weight_default: 10,
  },
];

const NAMES: Record<RoleGroup, string> = {
  support_workers: 'Support worker',
  personal_care_workers: 'Personal care worker',
  team_leaders: 'Team leader',
  coordinators: 'Coordinator',
  support_coordinators: 'Support coordinator',
  registered_nurses: 'Registered nurse',
  enrolled_nurses: 'Enrolled nurse',
  allied_health: 'Allied health professional',
  allied_health_assistants: 'Allied health assistant',
  behaviour_support: 'Behaviour support practitioner',
  lifestyle_community: 'Lifestyle & community officer',
  hospitality_support_services: 'Hospitality & support services',
  administration: 'Administration officer',
  quality_compliance: 'Quality & compliance officer',
  management: 'Manager',
};

/** Integer weights proportional to `counts`, summing to 100 (largest remainder). */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map((c) => (100 * c) / total);
  const out = exact.map(Math.floor);
  const order = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < 100 - out.reduce((a, b) => a + b, 0); k++) out[order[k]![1]]! += 1;
  return out;
}

const EFFECTIVE_FROM = '2024-01-01T00:00:00.000Z';

export const templateId = (group: string) => group.replace(/_/g, '-');

export function careTemplates() {
  const kpis = coachingKpis();
  return ROLE_GROUPS.map((group) => {
    const own = kpis.filter((k) => k.role_groups.includes(group));
    const byKra = new Map<string, string[]>();
    for (const k of own) {
      const kra = CATEGORY_KRA[k.category];
      byKra.set(kra, [...(byKra.get(kra) ?? []), k.slug]);
    }
    const weights = shares([...byKra.values()].map((list) => list.length));
    return {
      id: templateId(group),
      name: NAMES[group],
      scope: { role_group: group },
      effective_from: EFFECTIVE_FROM,
      kras: [...byKra].map(([kra_id, slugs], i) => ({
        kra_id,
        weight: weights[i] as number,
        kpis: slugs.map((kpi_id) => ({ kpi_id })),
      })),
      guardrails: [],
      rating_scheme_id: 'standard',
    };
  });
}

/** The KRA for the universal KPIs on the ISP templates (every person has them, by the seed). */
export const coreExpectations = (weight: number) => ({
  kra_id: 'core-expectations',
  weight,
  kpis: UNIVERSAL_KPI_SLUGS.map((kpi_id) => ({ kpi_id })),
});
