import { evaluateBonus, type BonusGates, type BonusPolicy } from './bonus';
import { scoreScorecard, type ScorecardInput } from './scorecard';
import type { KpiDefinition } from './types';

const kpi = (slug: string): KpiDefinition => ({
  slug,
  name: slug,
  category: 'financial',
  direction: 'higher_is_better',
  target: 100,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'quarterly',
});

/** Two equal KRAs of one KPI each (score = actual), so the total is their mean. */
function card(a: number, b: number, guardrails: ScorecardInput['guardrails'] = []) {
  return scoreScorecard({
    kras: [
      { kra_id: 'A', weight: 50, kpis: [{ kpi: kpi('a'), actual: a }] },
      { kra_id: 'B', weight: 50, kpis: [{ kpi: kpi('b'), actual: b }] },
    ],
    guardrails,
  });
}

const bands: BonusPolicy['bands'] = [
  { from: 0, to: 50, factor: 0 },
  { from: 50, to: 70, factor: 0.5 },
  { from: 70, to: 85, factor: 1 },
  { from: 85, factor: 1.5 },
];

describe('bonus bands (half-open, open top)', () => {
  it.each([
    [49.99, 0],
    [50, 0.5],
    [69.99, 0.5],
    [70, 1],
    [84.99, 1],
    [85, 1.5],
    [100, 1.5],
  ])('total %d → factor %d', (total, factor) => {
    const d = evaluateBonus(
      { bands },
      { scorecard: card(total, total), active_pip: false, tenure_days: 365 },
    );
    expect([d.eligible, d.factor, d.total_score]).toEqual([true, factor, total]);
  });

  it('a total outside every band pays nothing', () => {
    const d = evaluateBonus(
      { bands: [{ from: 60, factor: 1 }] },
      { scorecard: card(50, 50), active_pip: false, tenure_days: 365 },
    );
    expect([d.eligible, d.factor, d.band]).toEqual([true, 0, null]);
  });
});

describe('bonus gates', () => {
  // Subject: a 90, b 60 → total 75 (band factor 1), rating Exceeds; KRAs 90 and 60.
  const subject = { scorecard: card(90, 60), active_pip: false, tenure_days: 100 };

  it.each<[string, BonusGates, Partial<typeof subject>]>([
    ['overall_min', { overall_min: 75.01 }, {}],
    ['kpi_min', { kpi_min: 60.5 }, {}],
    ['kra_min', { kra_min: 61 }, {}],
    ['rating_in', { rating_in: ['Outstanding'] }, {}],
    [
      'guardrail_ok',
      { guardrail_ok: true },
      { scorecard: card(90, 40, [{ primary_kpi_ids: ['a'], guardrail_kpi_ids: ['b'], min_score: 50 }]) },
    ],
    ['no_active_pip', { no_active_pip: true }, { active_pip: true }],
    ['min_tenure_days', { min_tenure_days: 101 }, {}],
  ])('%s fails → not eligible, factor 0, gate named', (gate, gates, change) => {
    const d = evaluateBonus({ bands, gates }, { ...subject, ...change });
    expect([d.eligible, d.factor]).toEqual([false, 0]);
    expect(d.failed_gates.map((g) => g.gate)).toEqual([gate]);
  });

  it.each<[string, BonusGates]>([
    ['overall_min', { overall_min: 75 }],
    ['kpi_min', { kpi_min: 60 }],
    ['kra_min', { kra_min: 60 }],
    ['rating_in', { rating_in: ['Outstanding', 'Exceeds'] }],
    ['guardrail_ok', { guardrail_ok: true }],
    ['no_active_pip', { no_active_pip: true }],
    ['min_tenure_days', { min_tenure_days: 100 }],
  ])('%s passes exactly on its edge', (gate, gates) => {
    const d = evaluateBonus({ bands, gates }, subject);
    expect([d.eligible, d.factor, d.failed_gates]).toEqual([true, 1, []]);
    expect(d.checked_gates).toEqual([gate]);
  });

  it('names every failed gate, in order, with the offending KPI', () => {
    const d = evaluateBonus(
      { bands, gates: { min_tenure_days: 365, kpi_min: 70, overall_min: 80 } },
      { ...subject, tenure_days: 30 },
    );
    expect(d.failed_gates.map((g) => g.gate)).toEqual(['overall_min', 'kpi_min', 'min_tenure_days']);
    expect(d.failed_gates[1]?.message).toBe('KPIs under 70: b');
    expect(d.factor).toBe(0);
  });
});
