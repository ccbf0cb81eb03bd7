import { effectiveOverrides, rescore } from './rescore';
import type { SnapshotKpi, SnapshotKra } from './scorecard-snapshot';

const kpi = (
  kpi_id: string,
  score: number | null,
  weight: number,
  extra: Partial<SnapshotKpi> = {},
): SnapshotKpi => ({
  kpi_id,
  slug: kpi_id,
  name: kpi_id,
  category: 'productivity',
  actual: score,
  target: 1,
  raw: null,
  score,
  weight,
  weighted_score: null,
  status: score === null ? 'no_data' : 'scored',
  label: '',
  evidence_count: 0,
  explanation: null,
  cap: 1,
  target_score: 70,
  minimum_score: 50,
  ...extra,
});
const kras: SnapshotKra[] = [
  { kra_id: 'A', name: 'A', score: null, weight: 60, kpis: [kpi('a1', 80, 1), kpi('a2', 40, 3)] },
  { kra_id: 'B', name: 'B', score: null, weight: 40, kpis: [kpi('b1', 90, 1), kpi('b2', null, 1)] },
];

describe('rescore', () => {
  it('reproduces compute’s roll-up exactly without overrides', () => {
    const r = rescore(kras, []);
    // A = (80·1 + 40·3)/4 = 50; B = 90 (b2 has no data); total = (50·60 + 90·40)/100 = 66
    expect(r.kras.map((k) => k.score)).toEqual([50, 90]);
    expect(r.total_score).toBe(66);
    expect(r.rating_band).toBe('Meets');
    expect(r.kras[0]?.kpis.map((k) => k.label)).toEqual(['exceeding', 'growing']);
  });

  it('a KPI override flows up through its KRA to the total', () => {
    const r = rescore(kras, [{ entity_type: 'kpi', entity_id: 'a2', new_score: 80, reason: 'outage' }]);
    expect(r.kras[0]?.score).toBe(80);
    expect(r.total_score).toBe(84);
    expect(r.kras[0]?.kpis[1]).toMatchObject({ status: 'overridden', score: 80, label: 'exceeding' });
  });

  it('an override on a no-data KPI brings it into the roll-up; KRA and overall overrides win above it', () => {
    expect(
      rescore(kras, [{ entity_type: 'kpi', entity_id: 'b2', new_score: 50, reason: 'r' }]).kras[1]?.score,
    ).toBe(70);
    const kraOver = rescore(kras, [{ entity_type: 'kra', entity_id: 'A', new_score: 100, reason: 'r' }]);
    expect(kraOver.total_score).toBe(96);
    const overall = rescore(kras, [
      { entity_type: 'kra', entity_id: 'A', new_score: 100, reason: 'r' },
      { entity_type: 'overall', entity_id: '', new_score: 42, reason: 'r' },
    ]);
    expect(overall.total_score).toBe(42);
    expect(overall.computed_total).toBe(96);
    expect(overall.rating_band).toBe('Below');
  });

  it('keeps the latest override per target', () => {
    const rows = [
      { entity_type: 'kpi' as const, entity_id: 'a1', new_score: 10, reason: 'first' },
      { entity_type: 'kpi' as const, entity_id: 'a1', new_score: 20, reason: 'second' },
      { entity_type: 'overall' as const, entity_id: '', new_score: 30, reason: 'o' },
    ];
    expect(effectiveOverrides(rows).map((o) => o.reason)).toEqual(['second', 'o']);
  });
});
