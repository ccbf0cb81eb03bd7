import { describeKpiForEmployee, describeKpiForManager } from './narrative';
import { scorePreview, type KpiPreviewResponse, type ScorecardPreviewResponse } from './preview';

const kpi = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: slug.toUpperCase(),
  category: 'productivity',
  direction: 'higher_is_better',
  target: 100,
  scoring_method: 'linear',
  weight_default: 1,
  evaluation_frequency: 'monthly',
  ...extra,
});

function single(request: unknown): KpiPreviewResponse {
  const r = scorePreview(request);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value as KpiPreviewResponse;
}
function card(request: unknown): ScorecardPreviewResponse {
  const r = scorePreview(request);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value as ScorecardPreviewResponse;
}
const errorPaths = (request: unknown): string[] => {
  const r = scorePreview(request);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('score preview: one KPI', () => {
  it('returns raw, score, label and the explanation', () => {
    // 0.8·70 + 0.2·(4−1)·25 = 56 + 15 = 71 → meeting (60 ≤ 71 ≤ 80)
    const r = single({
      kpi: kpi('csat', { effort_weight: 0.2, target_score: 80, minimum_score: 60 }),
      actual: 70,
      effort_rating: 4,
    });
    expect([r.raw, r.score, r.status, r.label]).toEqual([0.7, 71, 'scored', 'meeting']);
    expect(r.explanation.steps.map((s) => s.step)).toEqual(['actual', 'raw', 'method', 'effort']);
    expect(r.explanation.thresholds).toEqual({ target_score: 80, minimum_score: 60 });
  });

  it('an infinite raw is the string "Infinity" and survives JSON', () => {
    const r = single({ kpi: kpi('mttr', { direction: 'lower_is_better', target: 30 }), actual: 0 });
    expect([r.raw, r.score]).toEqual(['Infinity', 100]);
    expect(r.explanation.steps[1]?.value).toBe('Infinity');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('informational KPIs have a null score; actual null is no data', () => {
    expect(single({ kpi: kpi('info', { direction: 'informational' }), actual: 3 }).score).toBeNull();
    const none = single({ kpi: kpi('x'), actual: null });
    expect([none.status, none.score, none.raw]).toEqual(['no_data', null, null]);
  });

  it('rejects invalid requests with field paths', () => {
    expect(errorPaths({ kpi: kpi('x', { target: 0 }), actual: 1 })).toEqual(['kpi.target']);
    expect(errorPaths({ kpi: kpi('x'), actual: 1, effort_rating: 6 })).toEqual(['effort_rating']);
    expect(errorPaths({ kpi: kpi('x') })).toEqual(['actual']);
    expect(errorPaths({ kpi: kpi('x'), scorecard: {} })).toEqual(['']);
    expect(errorPaths([1])).toEqual(['']);
  });
});

describe('score preview: whole scorecard', () => {
  const request = {
    scorecard: {
      kras: [
        {
          kra_id: 'delivery',
          weight: 60,
          kpis: [
            { kpi: kpi('volume'), weight: 3, actual: 90 },
            { kpi: kpi('quality', { target_score: 80, minimum_score: 60 }), weight: 1, actual: 50 },
            { kpi: kpi('backlog'), weight: 1 },
          ],
        },
        {
          kra_id: 'care',
          weight: 40,
          kpis: [
            { kpi: kpi('csat'), weight: 1, actual: 80, override: { value: 95, reason: 'survey error' } },
          ],
        },
      ],
      guardrails: [{ primary_kpi_ids: ['volume'], guardrail_kpi_ids: ['quality'], min_score: 60 }],
    },
  };

  it('scores, caps, overrides and rolls up', () => {
    // volume 90 capped at quality's 50; delivery = (3·50 + 1·50) / 4 = 50; care = 95 (override)
    // total = (60·50 + 40·95) / 100 = 30 + 38 = 68 → Meets
    const r = card(request);
    expect([r.total_score, r.rating_band]).toEqual([68, 'Meets']);
    const [delivery, care] = r.kras;
    expect(delivery?.score).toBe(50);
    expect(delivery?.kpis.map((k) => [k.slug, k.score, k.weighted_score, k.status, k.label])).toEqual([
      ['volume', 50, 37.5, 'scored', null],
      ['quality', 50, 12.5, 'scored', 'growing'],
      ['backlog', null, null, 'no_data', null],
    ]);
    expect(care?.kpis[0]?.status).toBe('overridden');
    expect(care?.score).toBe(95);
    expect(r.guardrail_breaches[0]?.cap).toBe(50);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(card(request))).toBe(JSON.stringify(card(request)));
  });

  it('rejects bad scorecards with indexed paths', () => {
    const bad = structuredClone(request) as {
      scorecard: {
        kras: { weight: number; kpis: { weight: number; kpi: { slug: string } }[] }[];
        guardrails: { guardrail_kpi_ids: string[] }[];
      };
    };
    const delivery = bad.scorecard.kras[0] as (typeof bad.scorecard.kras)[number];
    (delivery.kpis[1] as { weight: number }).weight = 0;
    expect(errorPaths(bad)).toEqual(['scorecard.kras[0].kpis[1].weight']);
    (delivery.kpis[1] as { weight: number }).weight = 1;
    (delivery.kpis[2] as { kpi: { slug: string } }).kpi.slug = 'volume';
    (bad.scorecard.guardrails[0] as { guardrail_kpi_ids: string[] }).guardrail_kpi_ids = ['ghost'];
    delivery.weight = 50;
    expect(errorPaths(bad)).toEqual([
      'scorecard.kras[0].kpis[2].kpi.slug',
      'scorecard.guardrails[0].guardrail_kpi_ids[0]',
      'scorecard.kras',
    ]);
  });

  it('normalizes KRA weights on request', () => {
    const scaled = structuredClone(request);
    scaled.scorecard.kras[0]!.weight = 3;
    scaled.scorecard.kras[1]!.weight = 2;
    expect(errorPaths(scaled)).toEqual(['scorecard.kras']);
    expect(card({ scorecard: { ...scaled.scorecard, normalize_weights: true } }).total_score).toBe(68);
  });
});

describe('narratives', () => {
  const banned = /below|fail|raw|weight|cap|penalt|formula/i;
  const cases = [
    { kpi: kpi('a', { target_score: 80, minimum_score: 60 }), actual: 95 },
    { kpi: kpi('b', { target_score: 80, minimum_score: 60 }), actual: 70 },
    {
      kpi: kpi('c', { target_score: 80, minimum_score: 60, effort_weight: 0.3 }),
      actual: 20,
      effort_rating: 5,
    },
    { kpi: kpi('d', { direction: 'lower_is_better', target: 5 }), actual: 0 },
    { kpi: kpi('e'), actual: null },
    { kpi: kpi('f', { direction: 'informational' }), actual: 4 },
  ];

  it.each(cases)('employee text uses growth language only (%#)', (req) => {
    const text = single(req).explanation.text.employee;
    expect(text).not.toMatch(banned);
    expect(text).toContain(req.kpi.name);
  });

  it('employee headline follows the growth label', () => {
    expect(single(cases[0]).explanation.text.employee).toMatch(
      /^You are exceeding the goal for A \(score 95\)\./,
    );
    expect(single(cases[1]).explanation.text.employee).toMatch(/^You are meeting the goal for B/);
    // 0.7·20 + 0.3·100 = 44 → growing
    expect(single(cases[2]).explanation.text.employee).toBe(
      'C is an area you are growing in (score 44); your manager can share coaching ideas for it. Your effort this period is recognised in this score.',
    );
  });

  it('manager text shows the mechanics: formulas, caps, weights, overrides, thresholds', () => {
    const r = card({
      scorecard: {
        kras: [
          {
            kra_id: 'k',
            weight: 100,
            kpis: [
              { kpi: kpi('vol', { scoring_method: 'capped', params: { cap: 1.2 } }), weight: 2, actual: 150 },
              {
                kpi: kpi('q', { target_score: 80, minimum_score: 60 }),
                weight: 1,
                actual: 40,
                override: { value: 45, reason: 'recount' },
              },
            ],
          },
        ],
        guardrails: [{ primary_kpi_ids: ['vol'], guardrail_kpi_ids: ['q'], min_score: 60 }],
      },
    });
    const [vol, q] = r.kras[0]?.kpis ?? [];
    // q overridden to 45 → still under 60 → vol capped at 45; KRA = (2·45 + 45) / 3 = 45
    expect([vol?.score, q?.score, r.total_score]).toEqual([45, 45, 45]);
    const volText = describeKpiForManager(vol!.explanation);
    expect(volText).toContain('raw = actual / target -> 1.5');
    expect(volText).toContain('score = 100 * clamp(raw, 0, cap) -> 120 (capped)');
    expect(volText).toContain('guardrail_cap: score = min(score, cap) -> 45');
    expect(volText).toContain('weight 2 (template_item), 66.67% of the KRA');
    const qText = describeKpiForManager(q!.explanation);
    expect(qText).toContain('override 40 -> 45: recount');
    expect(qText).toContain('label growing: exceeding above 80, meeting from 60, growing under it');
    expect(describeKpiForEmployee(q!.explanation)).toBe(
      'Q is an area you are growing in (score 45); your manager can share coaching ideas for it. Your manager reviewed and set this score.',
    );
  });
});
