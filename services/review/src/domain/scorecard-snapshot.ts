// The scorecard as compute computed it, in the shape review stores (snake_case JSON). Review never
// re-measures a KPI: compute already ran actual → raw → method → guardrail → effort.

export interface SnapshotKpi {
  kpi_id: string;
  slug: string;
  name: string;
  category: string;
  actual: number | null;
  target: number | null;
  raw: number | null;
  /** Compute's score (after guardrails and effort); null for no data / informational. */
  score: number | null;
  weight: number;
  weighted_score: number | null;
  /** scored | no_data | informational | overridden */
  status: string;
  label: string;
  evidence_count: number;
  /** Compute's explanation document (KpiExplanation from @scorecard/scoring), when it sent one. */
  explanation: Record<string, unknown> | null;
  /** Method cap (1 unless the method pays stretch credit): an override may reach 100 × cap. */
  cap: number;
  target_score: number | null;
  minimum_score: number | null;
}

export interface SnapshotKra {
  kra_id: string;
  name: string;
  score: number | null;
  weight: number;
  kpis: SnapshotKpi[];
}

/** One computed KPI as it arrives on scorecard.score.computed.v1 (camelCase, from the generated type). */
export interface ComputedKpiInput {
  kpiId: string;
  slug: string;
  actual?: number | undefined;
  target?: number | undefined;
  raw?: number | undefined;
  score?: number | undefined;
  weight: number;
  weightedScore?: number | undefined;
  status: string;
  label: string;
  evidenceCount: number;
  explanationJson: string;
}

export interface ComputedKraInput {
  kraId: string;
  name: string;
  score?: number | undefined;
  weight: number;
  kpis: ComputedKpiInput[];
}

/** What the registry read model knows about a KPI (optional: compute's explanation is the fallback). */
export interface KpiFacts {
  name?: string;
  category?: string;
  cap?: number;
  target_score?: number;
  minimum_score?: number;
}

/** Builds the stored snapshot from compute's message, filling names, caps and thresholds. */
export function snapshotFrom(
  kras: ComputedKraInput[],
  facts: (kpiId: string) => KpiFacts | undefined,
): SnapshotKra[] {
  return kras.map((kra) => ({
    kra_id: kra.kraId,
    name: kra.name,
    score: kra.score ?? null,
    weight: kra.weight,
    kpis: kra.kpis.map((k) => snapshotKpi(k, facts(k.kpiId))),
  }));
}

function snapshotKpi(k: ComputedKpiInput, fact: KpiFacts | undefined): SnapshotKpi {
  const explanation = parseExplanation(k.explanationJson);
  const inputs = (explanation?.['inputs'] ?? {}) as { params?: { cap?: unknown } | null };
  const thresholds = (explanation?.['thresholds'] ?? {}) as {
    target_score?: unknown;
    minimum_score?: unknown;
  };
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    kpi_id: k.kpiId,
    slug: k.slug,
    name: fact?.name ?? str(explanation?.['name']) ?? k.slug,
    category: fact?.category ?? str(explanation?.['category']) ?? 'operational',
    actual: k.actual ?? null,
    target: k.target ?? null,
    // JSON cannot hold +Infinity; the raw ratio is presentation only, so it is kept as given.
    raw: k.raw ?? null,
    score: k.score ?? null,
    weight: k.weight,
    weighted_score: k.weightedScore ?? null,
    status: k.status,
    label: k.label,
    evidence_count: k.evidenceCount,
    explanation,
    cap: fact?.cap ?? num(inputs.params?.cap) ?? 1,
    target_score: fact?.target_score ?? num(thresholds.target_score),
    minimum_score: fact?.minimum_score ?? num(thresholds.minimum_score),
  };
}

function parseExplanation(json: string): Record<string, unknown> | null {
  if (json === '') return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
