import type {
  BonusPolicy,
  BonusSubject,
  GuardrailBreach,
  ScorecardResult,
  TriggerRule,
} from '@scorecard/scoring';
import type { SnapshotKra } from './scorecard-snapshot';

const DAY_MS = 86_400_000;

/**
 * What evaluateBonus needs about one person. Review re-rolls compute's KPI scores, so guardrail
 * breaches are read from compute's explanations (a KPI capped by a guardrail means its rule broke).
 */
export function bonusSubject(
  result: ScorecardResult,
  snapshot: SnapshotKra[],
  p: { activePip: boolean; hiredAt: Date | null; periodEnd: Date },
): BonusSubject {
  const breaches: GuardrailBreach[] = [];
  for (const kra of snapshot) {
    for (const kpi of kra.kpis) {
      const caps = kpi.explanation?.['caps'];
      const guardrail =
        Array.isArray(caps) && caps.some((c) => (c as { kind?: unknown }).kind === 'guardrail');
      if (!guardrail || kpi.score === null) continue;
      breaches.push({
        rule_index: breaches.length,
        min_score: kpi.score,
        breached_by: [],
        lowest_score: kpi.score,
        cap: kpi.score,
        cap_to: null,
        primary_kpi_ids: [kpi.kpi_id],
      });
    }
  }
  const tenure = p.hiredAt === null ? 0 : Math.floor((p.periodEnd.getTime() - p.hiredAt.getTime()) / DAY_MS);
  return {
    scorecard: { ...result, guardrail_breaches: [...result.guardrail_breaches, ...breaches] },
    active_pip: p.activePip,
    tenure_days: Math.max(0, tenure),
  };
}

/** A registry bonus policy's state as evaluateBonus reads it (bands and gates), or null if unusable. */
export function asBonusPolicy(state: Record<string, unknown>): BonusPolicy | null {
  if (!Array.isArray(state['bands'])) return null;
  const policy: BonusPolicy = { bands: state['bands'] as BonusPolicy['bands'] };
  if (typeof state['name'] === 'string') policy.name = state['name'];
  if (typeof state['gates'] === 'object' && state['gates'] !== null) policy.gates = state['gates'];
  return policy;
}

/** A registry trigger rule's state (the rule itself, with its id), or null if unusable. */
export function asTriggerRule(id: string, state: Record<string, unknown>): TriggerRule | null {
  const kind = state['kind'];
  if (kind !== 'training' && kind !== 'pip') return null;
  if (typeof state['periods'] !== 'number') return null;
  return { ...(state as unknown as TriggerRule), id };
}
