import fc from 'fast-check';
import { scoreKpi } from './kpi';
import { methodCap } from './methods';
import { scoreScorecard, type ScorecardInput } from './scorecard';
import type { Direction, KpiDefinition, ScoringMethod } from './types';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Valid KPI definitions over every scored direction and method. */
const kpiArb: fc.Arbitrary<KpiDefinition> = fc
  .record({
    direction: fc.constantFrom<Direction>('higher_is_better', 'lower_is_better', 'target_band'),
    method: fc.constantFrom<ScoringMethod>('linear', 'capped', 'banded', 'sigmoid', 'binary'),
    target: finite(0.01, 1000),
    cap: finite(1, 3),
    low: finite(-100, 100),
    width: finite(0, 50),
    k: finite(0.5, 30),
    m: finite(0, 1.5),
    cuts: fc.uniqueArray(finite(-100, 1000), { minLength: 1, maxLength: 5 }),
    bandScore: fc.array(finite(0, 1), { minLength: 5, maxLength: 5 }),
  })
  .map((r) => {
    const params: KpiDefinition['params'] = {};
    if (r.method === 'capped' || r.method === 'linear' || r.method === 'sigmoid') params.cap = r.cap;
    if (r.method === 'sigmoid') Object.assign(params, { k: r.k, m: r.m });
    if (r.method === 'banded') {
      const cuts = [...r.cuts].sort((a, b) => a - b);
      params.cap = r.cap;
      params.bands = cuts.map((from, i) => {
        const to = cuts[i + 1];
        const score = 100 * r.cap * (r.bandScore[i] ?? 0);
        return to === undefined ? { from, score } : { from, to, score };
      });
    }
    const kpi: KpiDefinition = {
      slug: 'p',
      name: 'P',
      category: 'operational',
      direction: r.direction,
      target: r.target,
      scoring_method: r.method,
      params,
      weight_default: 1,
      evaluation_frequency: 'monthly',
    };
    if (r.direction === 'target_band')
      kpi.band =
        r.width === 0 ? { low: r.low, high: r.low, penalty: 0.1 } : { low: r.low, high: r.low + r.width };
    return kpi;
  });

const actualArb = finite(-1e4, 1e4);

describe('properties', () => {
  it('every score lies in [0, 100 × cap]', () => {
    fc.assert(
      fc.property(kpiArb, actualArb, (kpi, actual) => {
        const s = scoreKpi({ kpi, actual }).score as number;
        return s >= 0 && s <= 100 * methodCap(kpi) + 1e-9;
      }),
      { numRuns: 2000 },
    );
  });

  it('scores are monotonic in the actual, per direction', () => {
    const monotonicMethods = kpiArb.filter(
      (k) => k.direction !== 'target_band' && k.scoring_method !== 'banded',
    );
    fc.assert(
      fc.property(monotonicMethods, actualArb, actualArb, (kpi, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const sLo = scoreKpi({ kpi, actual: lo }).score as number;
        const sHi = scoreKpi({ kpi, actual: hi }).score as number;
        return kpi.direction === 'higher_is_better' ? sLo <= sHi + 1e-9 : sLo >= sHi - 1e-9;
      }),
      { numRuns: 2000 },
    );
  });

  const linear = (slug: string): KpiDefinition => ({
    slug,
    name: slug,
    category: 'productivity',
    direction: 'higher_is_better',
    target: 100,
    scoring_method: 'linear',
    weight_default: 1,
    evaluation_frequency: 'monthly',
  });
  /** Scorecards of 1–4 KRAs with 1–5 KPIs, some without data. */
  const cardArb: fc.Arbitrary<ScorecardInput> = fc
    .array(
      fc.record({
        weight: finite(0.1, 100),
        kpis: fc.array(
          fc.record({ weight: finite(0.1, 10), actual: fc.option(finite(0, 150), { nil: null }) }),
          { minLength: 1, maxLength: 5 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((kras) => ({
      kras: kras.map((kra, j) => ({
        kra_id: `kra${j}`,
        weight: kra.weight,
        kpis: kra.kpis.map((k, i) => ({ kpi: linear(`k${j}_${i}`), weight: k.weight, actual: k.actual })),
      })),
    }));

  const close = (a: number | null, b: number | null): boolean =>
    a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

  it('the roll-up is invariant under scaling all weights', () => {
    fc.assert(
      fc.property(cardArb, finite(0.01, 1000), (card, c) => {
        const scaled: ScorecardInput = {
          kras: card.kras.map((kra) => ({
            ...kra,
            weight: kra.weight * c,
            kpis: kra.kpis.map((k) => ({ ...k, weight: (k.weight as number) * c })),
          })),
        };
        const a = scoreScorecard(card);
        const b = scoreScorecard(scaled);
        return (
          close(a.total_score, b.total_score) &&
          a.kras.every((k, j) => close(k.score, b.kras[j]?.score ?? null))
        );
      }),
      { numRuns: 500 },
    );
  });

  it('a KPI without data counts exactly as if it were not there', () => {
    fc.assert(
      fc.property(cardArb, fc.nat(), fc.nat(), (card, jRaw, iRaw) => {
        const j = jRaw % card.kras.length;
        const kra = card.kras[j]!;
        const i = iRaw % kra.kpis.length;
        const withNoData: ScorecardInput = {
          kras: card.kras.map((k, jj) =>
            jj === j ? { ...k, kpis: k.kpis.map((p, ii) => (ii === i ? { ...p, actual: null } : p)) } : k,
          ),
        };
        const dropped: ScorecardInput = {
          kras: card.kras
            .map((k, jj) => (jj === j ? { ...k, kpis: k.kpis.filter((_, ii) => ii !== i) } : k))
            .filter((k) => k.kpis.length > 0),
        };
        return close(scoreScorecard(withNoData).total_score, scoreScorecard(dropped).total_score);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(
        cardArb,
        (card) =>
          JSON.stringify(scoreScorecard(card)) === JSON.stringify(scoreScorecard(structuredClone(card))),
      ),
      { numRuns: 200 },
    );
  });
});
