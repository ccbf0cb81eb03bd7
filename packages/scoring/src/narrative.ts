// Plain-language renderings of a KPI explanation. The employee view speaks in growth language and
// leaves out mechanics (ratios, caps, weights); the manager view shows every step.
import { assertNever } from './assert-never';
import type { KpiExplanation } from './explain';
import { formatNumber } from './present';

export interface KpiNarrative {
  employee: string;
  manager: string;
}

export function describeKpi(e: KpiExplanation): KpiNarrative {
  return { employee: describeKpiForEmployee(e), manager: describeKpiForManager(e) };
}

export function describeKpiForEmployee(e: KpiExplanation): string {
  switch (e.status) {
    case 'informational':
      return `${e.name} is tracked for context and does not change your score.`;
    case 'no_data':
      return `There was nothing to measure for ${e.name} this period, so it does not count toward your score.`;
    case 'scored':
    case 'overridden':
      return [headline(e), ...employeeNotes(e)].join(' ');
    default:
      return assertNever(e.status);
  }
}

function headline(e: KpiExplanation): string {
  const score = formatNumber(e.score);
  switch (e.label) {
    case 'exceeding':
      return `You are exceeding the goal for ${e.name} (score ${score}).`;
    case 'meeting':
      return `You are meeting the goal for ${e.name} (score ${score}).`;
    case 'growing':
      return `${e.name} is an area you are growing in (score ${score}); your manager can share coaching ideas for it.`;
    case null:
      return `Your score for ${e.name} is ${score}.`;
    default:
      return assertNever(e.label);
  }
}

function employeeNotes(e: KpiExplanation): string[] {
  const notes: string[] = [];
  if (e.steps.some((s) => s.step === 'effort'))
    notes.push('Your effort this period is recognised in this score.');
  if (e.caps.some((c) => c.kind === 'guardrail'))
    notes.push('This score also reflects related quality measures.');
  if (e.override !== null) notes.push('Your manager reviewed and set this score.');
  return notes;
}

export function describeKpiForManager(e: KpiExplanation): string {
  const unit = e.unit === null ? '' : ` ${e.unit}`;
  const parts = [
    `${e.name} (${e.slug}): actual ${formatNumber(e.inputs.actual)}${unit}, target ${formatNumber(e.inputs.target)}${unit}, ${e.inputs.direction}, ${e.inputs.scoring_method}; status ${e.status}`,
  ];
  for (const s of e.steps) {
    parts.push(
      `${s.step}: ${s.formula} -> ${formatNumber(s.value)}${s.note === undefined ? '' : ` (${s.note})`}`,
    );
  }
  for (const c of e.caps) parts.push(`cap ${formatNumber(c.cap)}: ${c.reason}`);
  if (e.override !== null) {
    const reason = e.override.reason === null ? '' : `: ${e.override.reason}`;
    parts.push(`override ${formatNumber(e.override.computed)} -> ${formatNumber(e.override.value)}${reason}`);
  }
  if (e.weight !== null) {
    const share =
      e.weight.share === null ? 'not counted' : `${formatNumber(e.weight.share * 100)}% of the KRA`;
    parts.push(`weight ${formatNumber(e.weight.value)} (${e.weight.source}), ${share}`);
  }
  if (e.thresholds !== null) {
    parts.push(
      `label ${e.label ?? 'none'}: exceeding above ${formatNumber(e.thresholds.target_score)}, meeting from ${formatNumber(e.thresholds.minimum_score)}, growing under it`,
    );
  }
  return parts.join('; ');
}
