import type { EvaluationFrequency } from '@scorecard/scoring';

/**
 * When a KPI is next due for evaluation: one frequency step after the last evaluation (or the
 * assignment). Calendar steps in UTC; months clamp to the month's last day (31 Jan + 1 month = 28/29 Feb).
 */
export function nextEvaluationDue(frequency: EvaluationFrequency, from: Date): Date {
  const d = new Date(from.getTime());
  switch (frequency) {
    case 'daily':
      return new Date(d.getTime() + 86_400_000);
    case 'weekly':
      return new Date(d.getTime() + 7 * 86_400_000);
    case 'fortnightly':
      return new Date(d.getTime() + 14 * 86_400_000);
    case 'monthly':
      return addMonths(d, 1);
    case 'quarterly':
      return addMonths(d, 3);
    case 'annually':
      return addMonths(d, 12);
  }
}

function addMonths(d: Date, months: number): Date {
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return target;
}
