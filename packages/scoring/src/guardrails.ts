/**
 * A template guardrail: while any guardrail KPI scores under min_score, the primary KPIs cannot
 * score above the lowest guardrail score (or cap_to). Stops volume KPIs being gamed at quality's cost.
 */
export interface GuardrailRule {
  primary_kpi_ids: string[];
  guardrail_kpi_ids: string[];
  min_score: number;
  cap_to?: number;
}

/** A rule that fired: which guardrail KPIs were under min_score and the cap it imposes. */
export interface GuardrailBreach {
  rule_index: number;
  min_score: number;
  breached_by: { kpi_id: string; score: number }[];
  lowest_score: number;
  cap: number;
  cap_to: number | null;
  primary_kpi_ids: string[];
}

/**
 * Evaluates every rule against the guardrail KPIs' effective scores. KPIs without a score (no
 * data, informational, or unknown) cannot breach a rule: absence of evidence is not a breach.
 */
export function evaluateGuardrails(
  rules: readonly GuardrailRule[],
  scoreOf: (kpiId: string) => number | null,
): GuardrailBreach[] {
  const breaches: GuardrailBreach[] = [];
  rules.forEach((rule, rule_index) => {
    const breached_by: { kpi_id: string; score: number }[] = [];
    for (const kpi_id of rule.guardrail_kpi_ids) {
      const score = scoreOf(kpi_id);
      if (score !== null && score < rule.min_score) breached_by.push({ kpi_id, score });
    }
    if (breached_by.length === 0) return;
    const lowest_score = Math.min(...breached_by.map((b) => b.score));
    breaches.push({
      rule_index,
      min_score: rule.min_score,
      breached_by,
      lowest_score,
      cap: rule.cap_to ?? lowest_score,
      cap_to: rule.cap_to ?? null,
      primary_kpi_ids: rule.primary_kpi_ids,
    });
  });
  return breaches;
}

/** The tightest cap on one primary KPI and the breaches behind it, or null when none applies. */
export function guardrailCapFor(
  kpiId: string,
  breaches: readonly GuardrailBreach[],
): { cap: number; breaches: GuardrailBreach[] } | null {
  let result: { cap: number; breaches: GuardrailBreach[] } | null = null;
  for (const breach of breaches) {
    if (!breach.primary_kpi_ids.includes(kpiId)) continue;
    if (result === null) result = { cap: breach.cap, breaches: [breach] };
    else {
      result.cap = Math.min(result.cap, breach.cap);
      result.breaches.push(breach);
    }
  }
  return result;
}
