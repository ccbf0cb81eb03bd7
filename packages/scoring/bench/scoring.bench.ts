// `npm run bench -- scoring`: score and roll up 10,000 people × 20 KPIs in 4 KRAs (5 KPIs each),
// with explanations, against a plain-loop weighted average over the same numbers (no explanations).
import {
  scoreScorecard,
  type KpiDefinition,
  type ScorecardInput,
  type ScoringMethod,
  type Direction,
} from '@scorecard/scoring';
import { reportBench } from '@scorecard/testkit';

const PEOPLE = 10_000;
const KRAS = 4;
const KPIS_PER_KRA = 5;
const WARMUP = 3;
const RUNS = 7;

// Deterministic LCG so every run scores the same population.
let seed = 42;
const rand = (): number => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const shapes: {
  direction: Direction;
  method: ScoringMethod;
  params?: KpiDefinition['params'];
  band?: KpiDefinition['band'];
}[] = [
  { direction: 'higher_is_better', method: 'linear' },
  { direction: 'higher_is_better', method: 'capped', params: { cap: 1.2 } },
  { direction: 'lower_is_better', method: 'linear' },
  { direction: 'lower_is_better', method: 'sigmoid' },
  { direction: 'target_band', method: 'linear', band: { low: 40, high: 60 } },
  {
    direction: 'higher_is_better',
    method: 'banded',
    params: {
      bands: [
        { from: 0, to: 50, score: 30 },
        { from: 50, to: 90, score: 70 },
        { from: 90, score: 100 },
      ],
    },
  },
  { direction: 'higher_is_better', method: 'binary' },
];

const definitions: KpiDefinition[] = Array.from({ length: KRAS * KPIS_PER_KRA }, (_, n) => {
  const shape = shapes[n % shapes.length]!;
  const kpi: KpiDefinition = {
    slug: `kpi_${n}`,
    name: `KPI ${n}`,
    category: n % 5 === 0 ? 'safety' : 'productivity',
    direction: shape.direction,
    target: 80,
    scoring_method: shape.method,
    weight_default: 1 + (n % 3),
    evaluation_frequency: 'monthly',
    target_score: 80,
    minimum_score: 60,
  };
  if (shape.params) kpi.params = shape.params;
  if (shape.band) kpi.band = shape.band;
  if (n % 4 === 0) kpi.effort_weight = 0.2;
  return kpi;
});

const people: ScorecardInput[] = Array.from({ length: PEOPLE }, () => ({
  kras: Array.from({ length: KRAS }, (_, j) => ({
    kra_id: `kra_${j}`,
    weight: 25,
    kpis: Array.from({ length: KPIS_PER_KRA }, (_, i) => {
      const kpi = definitions[j * KPIS_PER_KRA + i]!;
      // ~5% of KPIs have no data; actuals spread around the target.
      const actual = rand() < 0.05 ? null : Math.round(rand() * 120 * 100) / 100;
      return {
        kpi,
        actual,
        effort_rating: kpi.effort_weight === undefined ? null : 1 + Math.floor(rand() * 5),
      };
    }),
  })),
  guardrails: [{ primary_kpi_ids: ['kpi_0'], guardrail_kpi_ids: ['kpi_6'], min_score: 50 }],
}));

/** The same roll-up as a bare loop: linear raw against the target, no explanations, no methods. */
function baseline(): number {
  let checksum = 0;
  for (const person of people) {
    let total = 0;
    let totalWeight = 0;
    for (const kra of person.kras) {
      let sum = 0;
      let weights = 0;
      for (const k of kra.kpis) {
        if (k.actual === null) continue;
        const raw = k.actual / k.kpi.target;
        sum += 100 * (raw < 0 ? 0 : raw > 1 ? 1 : raw) * k.kpi.weight_default;
        weights += k.kpi.weight_default;
      }
      if (weights === 0) continue;
      total += (sum / weights) * kra.weight;
      totalWeight += kra.weight;
    }
    checksum += totalWeight === 0 ? 0 : total / totalWeight;
  }
  return checksum;
}

function scoring(): number {
  let checksum = 0;
  for (const person of people) checksum += scoreScorecard(person).total_score ?? 0;
  return checksum;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(fn: () => number): number {
  let sink = 0;
  for (let n = 0; n < WARMUP; n++) sink += fn();
  const samples: number[] = [];
  for (let n = 0; n < RUNS; n++) {
    const start = performance.now();
    sink += fn();
    samples.push(performance.now() - start);
  }
  if (Number.isNaN(sink)) throw new Error('checksum is NaN');
  return median(samples);
}

const base = measure(baseline);
const value = measure(scoring);
console.log(
  `scoring ${PEOPLE} people × ${KRAS * KPIS_PER_KRA} KPIs in ${KRAS} KRAs; median of ${RUNS} runs after ${WARMUP} warm-ups`,
);
reportBench({ name: 'scoring', value, unit: 'ms', baseline: { value: base } });
