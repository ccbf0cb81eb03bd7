import { describe, expect, it } from '@jest/globals';
import { activeInPeriod, assembleScorecard, type StaffKpi } from './assemble-scorecard';
import type { KpiConfig, KraConfig, TemplateVersion } from './registry-config';
import { scoreEmployee, unscoredReason } from './score-employee';

const def = (id: string, over: Partial<KpiConfig> = {}): KpiConfig => ({
  id,
  slug: id,
  name: id,
  category: 'productivity',
  direction: 'higher_is_better',
  target: 10,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'monthly',
  ...over,
});

const KPIS = new Map<string, KpiConfig>(
  [
    def('tickets'),
    def('csat', { target: 4 }),
    def('attendance', { category: 'operational', target: 98 }),
    def('conduct', { category: 'culture', target: 80 }),
    def('rostering', { category: 'operational', target: 95 }),
    def('handover', { category: 'communication', target: 90 }),
  ].map((k) => [k.id, k]),
);
const KRAS = new Map<string, KraConfig>([
  [
    'delivery',
    {
      id: 'delivery',
      name: 'Delivery',
      kpis: [{ kpi_id: 'tickets' }, { kpi_id: 'rostering', weight_override: 3 }],
    },
  ],
  ['customer', { id: 'customer', name: 'Customer', kpis: [{ kpi_id: 'csat' }] }],
]);
const TEMPLATE: TemplateVersion = {
  template_id: 'tpl',
  version: 2,
  name: 'Agents',
  active: true,
  scope: {},
  effective_from: '2026-01-01T00:00:00Z',
  kras: [
    { kra_id: 'delivery', weight: 60, kpis: [{ kpi_id: 'tickets', weight: 2 }] },
    { kra_id: 'customer', weight: 40, kpis: [{ kpi_id: 'csat', target_override: 4.5 }] },
  ],
} as unknown as TemplateVersion;

const staff = (kpi_id: string, over: Partial<StaffKpi> = {}): StaffKpi => ({
  staff_kpi_id: `sk-${kpi_id}`,
  kpi_id,
  source: 'template',
  contract_template_id: 'ct-agents',
  custom_target: null,
  weight: null,
  active_from: '2026-01-01T00:00:00Z',
  active_to: null,
  ...over,
});

/** kra_id → [kpi_id, target, weight, kra_weight, origin.kpi, origin.target, origin.weight] */
const shape = (template: TemplateVersion | null, staffKpis: StaffKpi[]) => {
  const card = assembleScorecard({ template, staffKpis, kpis: KPIS, kras: KRAS });
  return {
    template: card.template,
    kras: card.kras.map((k) => [
      k.kra_id,
      k.name,
      k.weight,
      k.kpis.map((p) => [
        p.kpi_id,
        p.kpi.target,
        p.weight,
        p.kra_weight,
        p.origin.kpi,
        p.origin.target,
        p.origin.weight,
      ]),
    ]),
    staff: card.staffKpis.map((s) => s.kpi_id),
  };
};

describe('assembleScorecard', () => {
  it.each([
    {
      name: 'template only: item weights and target overrides',
      template: TEMPLATE,
      staff: [],
      kras: [
        ['delivery', 'Delivery', 60, [['tickets', 10, 2, null, 'template', 'kpi', 'template_item']]],
        ['customer', 'Customer', 40, [['csat', 4.5, null, null, 'template', 'template_item', 'kpi_default']]],
      ],
    },
    {
      name: 'a staff KPI on a template KPI: its custom target and weight win',
      template: TEMPLATE,
      staff: [staff('csat', { custom_target: 4.8, weight: 5 })],
      kras: [
        ['delivery', 'Delivery', 60, [['tickets', 10, 2, null, 'template', 'kpi', 'template_item']]],
        ['customer', 'Customer', 40, [['csat', 4.8, 5, null, 'template', 'staff_kpi', 'staff_kpi']]],
      ],
    },
    {
      name: 'a staff KPI the template lacks but a template KRA lists joins that KRA with its mapping weight',
      template: TEMPLATE,
      staff: [staff('rostering', { source: 'manual', contract_template_id: null })],
      kras: [
        [
          'delivery',
          'Delivery',
          60,
          [
            ['tickets', 10, 2, null, 'template', 'kpi', 'template_item'],
            ['rostering', 95, null, 3, 'manual', 'kpi', 'kra_kpi'],
          ],
        ],
        ['customer', 'Customer', 40, [['csat', 4.5, null, null, 'template', 'template_item', 'kpi_default']]],
      ],
    },
    {
      name: 'staff KPIs outside every template KRA: a KRA per category, weighted as the average template KRA',
      template: TEMPLATE,
      staff: [
        staff('conduct', { source: 'role_default', contract_template_id: null }),
        staff('attendance', { weight: 2 }),
      ],
      kras: [
        ['delivery', 'Delivery', 60, [['tickets', 10, 2, null, 'template', 'kpi', 'template_item']]],
        ['customer', 'Customer', 40, [['csat', 4.5, null, null, 'template', 'template_item', 'kpi_default']]],
        [
          'category:culture',
          'Culture',
          50,
          [['conduct', 80, null, null, 'role_default', 'kpi', 'kpi_default']],
        ],
        [
          'category:operational',
          'Operational',
          50,
          [['attendance', 98, 2, null, 'contract_template', 'kpi', 'staff_kpi']],
        ],
      ],
    },
    {
      name: 'no template: staff KPIs alone, categories equal (100 / n), in catalog order',
      template: null,
      staff: [staff('handover', { custom_target: 85 }), staff('attendance'), staff('conduct')],
      kras: [
        [
          'category:culture',
          'Culture',
          100 / 3,
          [['conduct', 80, null, null, 'contract_template', 'kpi', 'kpi_default']],
        ],
        [
          'category:communication',
          'Communication',
          100 / 3,
          [['handover', 85, null, null, 'contract_template', 'staff_kpi', 'kpi_default']],
        ],
        [
          'category:operational',
          'Operational',
          100 / 3,
          [['attendance', 98, null, null, 'contract_template', 'kpi', 'kpi_default']],
        ],
      ],
    },
    {
      name: 'no template, no staff KPIs: nothing to score',
      template: null,
      staff: [],
      kras: [],
    },
    {
      name: 'a staff KPI the read model does not know is left out',
      template: null,
      staff: [staff('unknown-kpi'), staff('attendance')],
      kras: [
        [
          'category:operational',
          'Operational',
          100,
          [['attendance', 98, null, null, 'contract_template', 'kpi', 'kpi_default']],
        ],
      ],
    },
  ])('$name', ({ template, staff: s, kras }) => {
    const got = shape(template, s);
    expect(got.kras).toEqual(kras);
    expect(got.template).toEqual(template ? { id: 'tpl', version: 2 } : null);
    expect(got.staff).toEqual(
      s
        .filter((x) => KPIS.has(x.kpi_id))
        .map((x) => x.kpi_id)
        .sort(),
    );
  });

  it('names the template, the staff KPI and its contract template in each origin', () => {
    const card = assembleScorecard({
      template: TEMPLATE,
      staffKpis: [staff('csat', { staff_kpi_id: 'sk-9', custom_target: 4.8 })],
      kpis: KPIS,
      kras: KRAS,
    });
    expect(card.kras[1]?.kpis[0]?.origin).toEqual({
      kpi: 'template',
      template: { id: 'tpl', version: 2 },
      staff_kpi_id: 'sk-9',
      contract_template_id: 'ct-agents',
      target: 'staff_kpi',
      weight: 'kpi_default',
    });
  });
});

describe('activeInPeriod', () => {
  const october = { start: '2026-10-01T00:00:00Z', end: '2026-11-01T00:00:00Z' };
  it.each([
    ['active since before the period', '2026-01-01T00:00:00Z', null, true],
    ['assigned during the period', '2026-10-20T00:00:00Z', null, true],
    ['assigned at the period end (half-open)', '2026-11-01T00:00:00Z', null, false],
    ['deactivated during the period', '2026-01-01T00:00:00Z', '2026-10-05T00:00:00Z', true],
    ['deactivated at the period start', '2026-01-01T00:00:00Z', '2026-10-01T00:00:00Z', false],
    ['deactivated before the period', '2026-01-01T00:00:00Z', '2026-09-01T00:00:00Z', false],
  ])('%s', (_name, from, to, expected) => {
    const s = staff('attendance', { active_from: from, active_to: to });
    expect(activeInPeriod([s], october)).toEqual(expected ? [s] : []);
  });
});

describe('scoring an assembled scorecard', () => {
  const coaching = new Map<string, KpiConfig>([
    [
      'conduct',
      def('conduct', {
        category: 'culture',
        target: 80,
        effort_weight: 0.3,
        target_score: 80,
        minimum_score: 60,
      }),
    ],
    [
      'safety',
      def('safety', {
        category: 'safety',
        target: 100,
        effort_weight: 0.15,
        target_score: 100,
        minimum_score: 95,
      }),
    ],
    ['attendance', def('attendance', { category: 'operational', target: 98 })],
  ]);
  const card = assembleScorecard({
    template: null,
    staffKpis: [staff('conduct'), staff('safety'), staff('attendance')],
    kpis: coaching,
    kras: new Map(),
  });
  const score = (
    journal: [string, number][],
    effort: [string, number][],
    bound = new Map<string, number>(),
  ) =>
    scoreEmployee(
      card,
      { template: null, ratingScheme: null, boundKpis: new Set(['attendance']) },
      {
        actuals: new Map(
          [...bound].map(([k, v]) => [k, { actual: v, evidenceIds: ['s1'], evidenceCount: 1 }]),
        ),
        journalValues: new Map(
          journal.map(([k, v]) => [k, { value: v, reason: `journal score_recorded e-${k}` }]),
        ),
        effortRatings: new Map(effort),
      },
      { status: 'active' },
    );
  const kpi = (s: ReturnType<typeof score>, id: string) => s.kpis.find((k) => k.kpi_id === id);

  it.each([
    // journal value 60 on target 80 → outcome 75; effort rating 5 → 100; 0.7 × 75 + 0.3 × 100 = 82.5
    {
      name: 'journal value is the actual, effort blends in',
      id: 'conduct',
      journal: 60,
      effort: 5,
      score: 82.5,
      label: 'exceeding',
    },
    {
      name: 'no effort rating: the outcome',
      id: 'conduct',
      journal: 60,
      effort: null,
      score: 75,
      label: 'meeting',
    },
    // outcome 90 < minimum 95 on a safety KPI: the floor rule keeps min(blend, outcome) = 90
    { name: 'floor rule on a safety KPI', id: 'safety', journal: 90, effort: 5, score: 90, label: 'growing' },
  ])('$name', ({ id, journal, effort, score: expected, label }) => {
    const s = score([[id, journal]], effort === null ? [] : [[id, effort]]);
    const k = kpi(s, id);
    expect(k?.actual_value).toBe(journal);
    expect(k?.score).toBeCloseTo(expected, 10);
    expect(k?.label).toBe(label);
    expect(k?.override).toBeNull();
    expect((k?.explanation as { origin: { actual: unknown } }).origin.actual).toEqual({
      source: 'journal',
      entry: `journal score_recorded e-${id}`,
    });
  });

  it('a bound KPI takes its binding actual, not a journal value', () => {
    const s = score([['attendance', 10]], [], new Map([['attendance', 98]]));
    expect(kpi(s, 'attendance')).toMatchObject({ actual_value: 98, score: 100, evidence_count: 1 });
    expect(s.template).toBeNull();
    expect(s.unscored_reason).toBeNull();
  });

  it.each([
    { name: 'no data anywhere', journal: [] as [string, number][], status: 'active', reason: 'no_data' },
    { name: 'on leave', journal: [] as [string, number][], status: 'on_leave', reason: 'on_leave' },
    { name: 'scored', journal: [['conduct', 80]] as [string, number][], status: 'active', reason: null },
  ])('unscored reason: $name', ({ journal, status, reason }) => {
    const s = scoreEmployee(
      card,
      { template: null, ratingScheme: null, boundKpis: new Set() },
      {
        actuals: new Map(),
        journalValues: new Map(journal.map(([k, v]) => [k, { value: v, reason: null }])),
        effortRatings: new Map(),
      },
      { status },
    );
    expect(s.unscored_reason).toBe(reason);
    expect(s.total_score === null).toBe(reason !== null);
  });

  it('unscored reason: no KPIs assigned', () => {
    const empty = assembleScorecard({ template: null, staffKpis: [], kpis: coaching, kras: new Map() });
    expect(unscoredReason(empty, { total_score: null }, { status: 'active' })).toBe('no_kpis_assigned');
    expect(unscoredReason(empty, { total_score: null }, { status: 'on_leave' })).toBe('on_leave');
  });

  it('the inputs cover the staff KPI set', () => {
    const other = assembleScorecard({
      template: null,
      staffKpis: [staff('conduct', { staff_kpi_id: 'other' }), staff('safety'), staff('attendance')],
      kpis: coaching,
      kras: new Map(),
    });
    const cfg = { template: null, ratingScheme: null, boundKpis: new Set<string>() };
    const none = { actuals: new Map(), journalValues: new Map(), effortRatings: new Map() };
    expect(JSON.stringify(scoreEmployee(other, cfg, none, { status: 'active' }).inputs)).not.toBe(
      JSON.stringify(scoreEmployee(card, cfg, none, { status: 'active' }).inputs),
    );
  });
});
