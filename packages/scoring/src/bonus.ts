import { assertNever } from './assert-never';
import type { ScorecardResult } from './scorecard';

/** A half-open `[from, to)` band on the final total; `to` absent means open-ended (top band). */
export interface BonusBand {
  from: number;
  to?: number;
  factor: number;
}

export interface BonusGates {
  overall_min?: number;
  kpi_min?: number;
  kra_min?: number;
  rating_in?: string[];
  guardrail_ok?: boolean;
  no_active_pip?: boolean;
  min_tenure_days?: number;
}

export type BonusGate = keyof BonusGates;

export interface BonusPolicy {
  name?: string;
  bands: BonusBand[];
  gates?: BonusGates;
}

export interface BonusSubject {
  scorecard: ScorecardResult;
  active_pip: boolean;
  tenure_days: number;
}

export interface FailedGate {
  gate: BonusGate;
  message: string;
}

export interface BonusDecision {
  eligible: boolean;
  /** The band's factor when eligible; 0 when any gate failed or no band contains the total. */
  factor: number;
  band: BonusBand | null;
  total_score: number | null;
  failed_gates: FailedGate[];
  /** Gates that were configured and checked, in evaluation order. */
  checked_gates: BonusGate[];
}

const GATE_ORDER: readonly BonusGate[] = [
  'overall_min',
  'kpi_min',
  'kra_min',
  'rating_in',
  'guardrail_ok',
  'no_active_pip',
  'min_tenure_days',
];

/** Every configured gate must pass; then the band containing the total gives the factor. */
export function evaluateBonus(policy: BonusPolicy, subject: BonusSubject): BonusDecision {
  const gates = policy.gates ?? {};
  const failed: FailedGate[] = [];
  const checked: BonusGate[] = [];
  for (const gate of GATE_ORDER) {
    if (gates[gate] === undefined) continue;
    checked.push(gate);
    const message = gateFailure(gate, gates, subject);
    if (message !== null) failed.push({ gate, message });
  }
  const total = subject.scorecard.total_score;
  const band =
    total === null
      ? null
      : (policy.bands.find((b) => total >= b.from && (b.to === undefined || total < b.to)) ?? null);
  const eligible = failed.length === 0;
  return {
    eligible,
    factor: eligible && band !== null ? band.factor : 0,
    band,
    total_score: total,
    failed_gates: failed,
    checked_gates: checked,
  };
}

/** Why a gate failed, or null when it passed. */
function gateFailure(gate: BonusGate, gates: BonusGates, subject: BonusSubject): string | null {
  const { scorecard } = subject;
  switch (gate) {
    case 'overall_min': {
      const min = gates.overall_min as number;
      const total = scorecard.total_score;
      return total !== null && total >= min ? null : `overall score ${total ?? 'none'} is under ${min}`;
    }
    case 'kpi_min': {
      const min = gates.kpi_min as number;
      const low = scorecard.kras.flatMap((k) => k.kpis).filter((k) => k.score !== null && k.score < min);
      return low.length === 0 ? null : `KPIs under ${min}: ${low.map((k) => k.id).join(', ')}`;
    }
    case 'kra_min': {
      const min = gates.kra_min as number;
      const low = scorecard.kras.filter((k) => k.score !== null && k.score < min);
      return low.length === 0 ? null : `KRAs under ${min}: ${low.map((k) => k.kra_id).join(', ')}`;
    }
    case 'rating_in': {
      const allowed = gates.rating_in as string[];
      const band = scorecard.rating_band;
      return band !== null && allowed.includes(band)
        ? null
        : `rating ${band ?? 'none'} is not one of ${allowed.join(', ')}`;
    }
    case 'guardrail_ok':
      return gates.guardrail_ok !== true || scorecard.guardrail_breaches.length === 0
        ? null
        : `guardrail rules breached: ${scorecard.guardrail_breaches.map((b) => b.rule_index).join(', ')}`;
    case 'no_active_pip':
      return gates.no_active_pip !== true || !subject.active_pip ? null : 'an improvement plan is active';
    case 'min_tenure_days': {
      const min = gates.min_tenure_days as number;
      return subject.tenure_days >= min ? null : `tenure ${subject.tenure_days} days is under ${min}`;
    }
    default:
      return assertNever(gate);
  }
}
