import { scoreScorecard } from './scorecard';
import { evaluateTriggers, periodOutcome, type PeriodOutcome, type TriggerRule } from './triggers';
import type { GrowthLabel } from './types';

const tips = ['Pair with a senior on two visits', 'Review the checklist'];
/** One period: slug `frt` (productivity) and `whs` (safety), plus the total. */
function period(
  id: string,
  frt: number | null,
  whs: GrowthLabel | null,
  total: number | null,
): PeriodOutcome {
  return {
    period_id: id,
    total_score: total,
    kpis: [
      { slug: 'frt', category: 'productivity', score: frt, label: null, coaching_tips: tips },
      { slug: 'whs', category: 'safety', score: 50, label: whs },
    ],
  };
}

const belowRule: TriggerRule = {
  kind: 'training',
  id: 't1',
  scope: { kpi_slug: 'frt' },
  condition: { type: 'below', threshold: 60 },
  periods: 2,
};
const growingRule: TriggerRule = {
  kind: 'training',
  id: 't2',
  scope: { category: 'safety' },
  condition: { type: 'growing' },
  periods: 3,
};
const pipRule: TriggerRule = { kind: 'pip', id: 'p1', overall_below: 50, periods: 3 };

describe('training triggers', () => {
  it('fires when the KPI was under the threshold for the last N periods, with its coaching tips', () => {
    const recs = evaluateTriggers(
      [belowRule],
      [period('p1', 70, null, 80), period('p2', 55, null, 80), period('p3', 59.99, null, 80)],
    );
    expect(recs).toEqual([
      {
        kind: 'training',
        rule_id: 't1',
        kpi_slug: 'frt',
        category: 'productivity',
        periods: ['p2', 'p3'],
        coaching_tips: tips,
        reason: 'score under 60 for 2 consecutive periods',
      },
    ]);
  });

  it.each([
    ['interrupted run', [period('p1', 55, null, 80), period('p2', 70, null, 80), period('p3', 50, null, 80)]],
    ['exactly at threshold', [period('p1', 60, null, 80), period('p2', 50, null, 80)]],
    ['no data breaks the run', [period('p1', 50, null, 80), period('p2', null, null, 80)]],
    ['too little history', [period('p1', 50, null, 80)]],
  ])('does not fire: %s', (_name, history) => {
    expect(evaluateTriggers([belowRule], history)).toEqual([]);
  });

  it('a category rule watches every KPI of the category, by growth label', () => {
    const growing = [
      period('p1', 90, 'growing', 80),
      period('p2', 90, 'growing', 80),
      period('p3', 90, 'growing', 80),
    ];
    const recs = evaluateTriggers([growingRule], growing);
    expect(recs.map((r) => (r.kind === 'training' ? [r.kpi_slug, r.coaching_tips, r.reason] : null))).toEqual(
      [['whs', [], 'labelled growing for 3 consecutive periods']],
    );
    const mixed = [
      period('p1', 90, 'growing', 80),
      period('p2', 90, 'meeting', 80),
      period('p3', 90, 'growing', 80),
    ];
    expect(evaluateTriggers([growingRule], mixed)).toEqual([]);
  });
});

describe('PIP triggers', () => {
  it('fires when the overall was under the threshold for N periods', () => {
    const recs = evaluateTriggers(
      [pipRule],
      [
        period('p0', 90, null, 90),
        period('p1', 90, null, 40),
        period('p2', 90, null, 45),
        period('p3', 90, null, 49.99),
      ],
    );
    expect(recs).toEqual([
      {
        kind: 'pip',
        rule_id: 'p1',
        periods: ['p1', 'p2', 'p3'],
        reason: 'overall score under 50 for 3 consecutive periods',
      },
    ]);
  });

  it.each([
    [
      'one period at the threshold',
      [period('p1', 90, null, 40), period('p2', 90, null, 50), period('p3', 90, null, 40)],
    ],
    [
      'a period without a total',
      [period('p1', 90, null, 40), period('p2', 90, null, null), period('p3', 90, null, 40)],
    ],
  ])('does not fire: %s', (_name, history) => {
    expect(evaluateTriggers([pipRule], history)).toEqual([]);
  });
});

describe('periodOutcome', () => {
  it('turns a scored scorecard into trigger history with coaching tips', () => {
    const kpi = (slug: string, category: 'safety' | 'productivity') => ({
      slug,
      name: slug,
      category,
      direction: 'higher_is_better' as const,
      target: 100,
      scoring_method: 'linear' as const,
      weight_default: 1,
      evaluation_frequency: 'monthly' as const,
      target_score: 80,
      minimum_score: 60,
    });
    const result = scoreScorecard({
      kras: [
        {
          kra_id: 'A',
          weight: 100,
          kpis: [
            { kpi: kpi('whs', 'safety'), actual: 40 },
            { kpi: kpi('frt', 'productivity'), actual: null },
          ],
        },
      ],
    });
    const outcome = periodOutcome('2026-10', result, (slug) =>
      slug === 'whs' ? ['Walk the site with the lead'] : undefined,
    );
    expect(outcome).toEqual({
      period_id: '2026-10',
      total_score: 40,
      kpis: [
        {
          slug: 'whs',
          category: 'safety',
          score: 40,
          label: 'growing',
          coaching_tips: ['Walk the site with the lead'],
        },
        { slug: 'frt', category: 'productivity', score: null, label: null },
      ],
    });
  });
});
