import { applyEffort } from './effort';
import { resolveWeight, checkKraWeights, weightedAverage } from './rollup';
import { scoreScorecard, type ScorecardInput, type ScorecardKpiInput } from './scorecard';
import type { KpiCategory, KpiDefinition } from './types';

// Linear, higher is better, target 100: the score equals the actual (for 0..100), which keeps
// roll-up goldens readable.
function kpi(slug: string, extra: Partial<KpiDefinition> = {}): KpiDefinition {
  return {
    slug,
    name: slug,
    category: 'productivity',
    direction: 'higher_is_better',
    target: 100,
    scoring_method: 'linear',
    weight_default: 1,
    evaluation_frequency: 'monthly',
    ...extra,
  };
}
const item = (
  slug: string,
  actual: number | null,
  rest: Partial<ScorecardKpiInput> = {},
): ScorecardKpiInput => ({
  kpi: kpi(slug),
  actual,
  ...rest,
});

// KRA A (50): a1 80 w2, a2 50 w1, a3 no data w1 → (160 + 50) / 3 = 70
// KRA B (30): b1 100                                 → 100
// KRA C (20): c1 no data                             → no score, dropped
// overall = (50·70 + 30·100) / 80 = 6500 / 80 = 81.25 → Exceeds
function base(): ScorecardInput {
  return {
    kras: [
      { kra_id: 'A', weight: 50, kpis: [item('a1', 80, { weight: 2 }), item('a2', 50), item('a3', null)] },
      { kra_id: 'B', weight: 30, kpis: [item('b1', 100)] },
      { kra_id: 'C', weight: 20, kpis: [item('c1', null)] },
    ],
  };
}

describe('roll-up', () => {
  it('renormalizes over KPIs and KRAs with a score', () => {
    const r = scoreScorecard(base());
    const [a, b, c] = r.kras;
    expect(a?.score).toBeCloseTo(70, 12);
    expect(a?.kpis.map((k) => k.weighted_score)).toEqual([(80 * 2) / 3, 50 / 3, null]);
    expect(a?.kpis.map((k) => k.status)).toEqual(['scored', 'scored', 'no_data']);
    expect(b?.score).toBe(100);
    expect(c?.score).toBeNull();
    expect(r.total_score).toBeCloseTo(81.25, 12);
    expect(r.rating_band).toBe('Exceeds');
    expect(r.explanation.excluded).toEqual(['C']);
    expect(r.explanation.included.map((k) => [k.kra_id, k.share])).toEqual([
      ['A', 50 / 80],
      ['B', 30 / 80],
    ]);
    expect(a?.explanation.excluded).toEqual([{ kpi_id: 'a3', status: 'no_data' }]);
    expect(a?.kpis[0]?.explanation.weight).toEqual({ value: 2, source: 'template_item', share: 2 / 3 });
  });

  it('a scorecard with no data anywhere has no total and no rating, not 0', () => {
    const r = scoreScorecard({ kras: [{ kra_id: 'A', weight: 100, kpis: [item('a1', null)] }] });
    expect([r.total_score, r.rating_band, r.kras[0]?.score]).toEqual([null, null, null]);
  });

  it('informational KPIs are excluded from the roll-up with their weight', () => {
    const r = scoreScorecard({
      kras: [
        {
          kra_id: 'A',
          weight: 100,
          kpis: [item('a1', 60), { kpi: kpi('info', { direction: 'informational' }), actual: 5, weight: 9 }],
        },
      ],
    });
    expect(r.total_score).toBe(60);
    expect(r.kras[0]?.kpis[1]?.weighted_score).toBeNull();
  });

  it('weight precedence: template item, else KRA↔KPI, else KPI default', () => {
    expect(resolveWeight({ template_item: 3, kra_kpi: 2, kpi_default: 1 })).toEqual({
      value: 3,
      source: 'template_item',
    });
    expect(resolveWeight({ template_item: null, kra_kpi: 2, kpi_default: 1 })).toEqual({
      value: 2,
      source: 'kra_kpi',
    });
    expect(resolveWeight({ kpi_default: 1 })).toEqual({ value: 1, source: 'kpi_default' });
    // a1 80 via kra_weight 3, a2 40 via default 1 → (240 + 40) / 4 = 70
    const r = scoreScorecard({
      kras: [{ kra_id: 'A', weight: 100, kpis: [item('a1', 80, { kra_weight: 3 }), item('a2', 40)] }],
    });
    expect(r.total_score).toBe(70);
    expect(r.kras[0]?.kpis.map((k) => k.weight_source)).toEqual(['kra_kpi', 'kpi_default']);
  });

  it('weightedAverage drops unscored items and returns null when none are scored', () => {
    expect(
      weightedAverage([
        { score: 10, weight: 1 },
        { score: null, weight: 5 },
        { score: 40, weight: 2 },
      ]),
    ).toBe(30);
    expect(weightedAverage([{ score: null, weight: 1 }])).toBeNull();
  });
});

describe('overrides flow up', () => {
  it('a KPI override replaces the KPI score and the KRA and overall are recomputed', () => {
    const input = base();
    (input.kras[0]?.kpis[1] as ScorecardKpiInput).override = { value: 80, reason: 'ticket misattributed' };
    const r = scoreScorecard(input);
    const a2 = r.kras[0]?.kpis[1];
    expect([a2?.status, a2?.score, a2?.outcome]).toEqual(['overridden', 80, 50]);
    expect(a2?.explanation.override).toEqual({ computed: 50, value: 80, reason: 'ticket misattributed' });
    expect(r.kras[0]?.score).toBe(80); // (160 + 80) / 3
    expect(r.total_score).toBe(87.5); // (4000 + 3000) / 80
    expect(r.rating_band).toBe('Outstanding');
  });

  it('an override on a no-data KPI brings it into the roll-up', () => {
    const input = base();
    (input.kras[0]?.kpis[2] as ScorecardKpiInput).override = { value: 20 };
    const r = scoreScorecard(input);
    expect(r.kras[0]?.kpis[2]?.status).toBe('overridden');
    expect(r.kras[0]?.score).toBe(57.5); // (160 + 50 + 20) / 4
  });

  it('a KRA override replaces the KRA score in the overall', () => {
    const input = base();
    (input.kras[1] as ScorecardInput['kras'][number]).override = { value: 50 };
    const r = scoreScorecard(input);
    expect([r.kras[1]?.computed_score, r.kras[1]?.score]).toEqual([100, 50]);
    expect(r.total_score).toBe(62.5); // (3500 + 1500) / 80
    expect(r.rating_band).toBe('Meets');
  });

  it('an overall override is the total and decides the rating band', () => {
    const r = scoreScorecard({ ...base(), override: { value: 90, reason: 'calibration' } });
    expect(r.computed_total).toBeCloseTo(81.25, 12);
    expect([r.total_score, r.rating_band]).toEqual([90, 'Outstanding']);
    expect(r.explanation.override?.value).toBe(90);
  });
});

describe('guardrails', () => {
  // vol 90 is primary; q1 and q2 guard it with min_score 60.
  const card = (
    q1: number | null,
    q2: number | null,
    rules: ScorecardInput['guardrails'],
    volExtra: Partial<ScorecardKpiInput> = {},
  ): ScorecardInput => ({
    kras: [{ kra_id: 'A', weight: 100, kpis: [item('vol', 90, volExtra), item('q1', q1), item('q2', q2)] }],
    guardrails: rules ?? [],
  });
  const rule = { primary_kpi_ids: ['vol'], guardrail_kpi_ids: ['q1', 'q2'], min_score: 60 };
  const vol = (input: ScorecardInput) => scoreScorecard(input).kras[0]?.kpis[0];

  it('caps every primary at the lowest guardrail score and records why', () => {
    const r = scoreScorecard(card(50, 40, [rule]));
    const v = r.kras[0]?.kpis[0];
    expect([v?.outcome, v?.score]).toEqual([90, 40]);
    expect(v?.explanation.caps).toEqual([
      { kind: 'guardrail', cap: 40, reason: expect.stringContaining('q2 scored 40') as string },
    ]);
    expect(v?.explanation.steps.find((s) => s.step === 'guardrail_cap')?.value).toBe(40);
    expect(r.guardrail_breaches).toHaveLength(1);
    expect(r.guardrail_breaches[0]?.breached_by.map((b) => b.kpi_id)).toEqual(['q1', 'q2']);
    expect(r.total_score).toBeCloseTo((40 + 50 + 40) / 3, 12);
  });

  it('uses cap_to when given', () => {
    expect(vol(card(50, 70, [{ ...rule, cap_to: 70 }]))?.score).toBe(70);
  });

  it('a guardrail exactly at min_score, or without data, does not breach', () => {
    expect(vol(card(60, 100, [rule]))?.score).toBe(90);
    expect(vol(card(null, 100, [rule]))?.score).toBe(90);
  });

  it('does not raise a primary already under the cap', () => {
    const r = scoreScorecard({
      ...card(50, 70, [rule]),
      kras: [{ kra_id: 'A', weight: 100, kpis: [item('vol', 30), item('q1', 50)] }],
    });
    expect(r.kras[0]?.kpis[0]?.score).toBe(30);
    expect(r.kras[0]?.kpis[0]?.explanation.caps).toEqual([]);
  });

  it('the tightest of several rules wins', () => {
    const rules = [rule, { primary_kpi_ids: ['vol'], guardrail_kpi_ids: ['q1'], min_score: 90, cap_to: 30 }];
    expect(vol(card(70, 100, rules))?.score).toBe(30);
  });

  it('a reviewer override on a guardrail KPI is what the rule checks', () => {
    const input = card(50, 100, [rule]);
    (input.kras[0]?.kpis[1] as ScorecardKpiInput).override = { value: 75 };
    expect(vol(input)?.score).toBe(90);
  });

  it('the cap comes before the effort blend', () => {
    // capped 40, w 0.2, rating 5 (effort 100): 0.8·40 + 0.2·100 = 52
    const input = card(40, 100, [rule], { effort_rating: 5 });
    (input.kras[0]?.kpis[0] as ScorecardKpiInput).kpi = kpi('vol', { effort_weight: 0.2 });
    expect(vol(input)?.score).toBeCloseTo(52, 12);
  });
});

describe('effort blend and floor rule', () => {
  const withEffort = (category: KpiCategory): KpiDefinition =>
    kpi('e', { category, effort_weight: 0.2, target_score: 80, minimum_score: 60 });
  it.each([
    // category, outcome, rating, final
    ['productivity', 50, 4, 55], // 0.8·50 + 0.2·75
    ['productivity', 50, 1, 40], // effort 0
    ['productivity', 50, 5, 60], // effort 100
    ['safety', 50, 5, 50], // under minimum: min(60, 50)
    ['compliance', 50, 5, 50],
    ['safety', 50, 1, 40], // floor keeps the lower blend: min(40, 50)
    ['safety', 60, 5, 68], // at minimum_score: not under, so blended
    ['safety', 70, 5, 76],
  ] as const)('%s outcome %d rating %d → %d', (category, outcome, rating, final) => {
    expect(applyEffort(withEffort(category), outcome, rating).final).toBeCloseTo(final, 12);
  });

  it('no rating or no effort weight leaves the outcome', () => {
    expect(applyEffort(withEffort('productivity'), 50, null)).toEqual({
      final: 50,
      effort_score: null,
      blended: null,
      floored: false,
    });
    expect(applyEffort(kpi('x'), 50, 5).final).toBe(50);
  });

  it('the floor is recorded in the explanation', () => {
    const r = scoreScorecard({
      kras: [
        { kra_id: 'A', weight: 100, kpis: [{ kpi: withEffort('safety'), actual: 50, effort_rating: 5 }] },
      ],
    });
    const steps = r.kras[0]?.kpis[0]?.explanation.steps ?? [];
    expect(steps.map((s) => [s.step, s.value])).toEqual([
      ['actual', 50],
      ['raw', 0.5],
      ['method', 50],
      ['effort', 60],
      ['effort_floor', 50],
    ]);
    expect(r.kras[0]?.kpis[0]?.effort_score).toBe(100);
  });
});

describe('template KRA weights', () => {
  it.each([
    [[60, 40], true],
    [[33.33, 33.33, 33.33], true], // 99.99: on the tolerance edge
    [[33.34, 33.34, 33.33], true], // 100.01
    [[33.34, 33.34, 33.34], false], // 100.02
    [[50, 49.995], true],
    [[50, 50.009], true],
    [[50, 49.98], false],
    [[70, 40], false],
  ] as const)('%j ok=%s', (weights, ok) => {
    expect(checkKraWeights(weights).ok).toBe(ok);
  });
  it('normalizes on request', () => {
    expect(checkKraWeights([30, 10], true)).toEqual({ ok: true, weights: [75, 25], normalized: true });
    const bad = checkKraWeights([30, 10]);
    expect(bad.ok === false && bad.sum).toBe(40);
  });
});
