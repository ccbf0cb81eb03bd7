import { DAY, HOUR, OFFICE_WEEK, addMonths, officeTime, weekday } from './calendar';
import { clamp, workersOn, type SimContext } from './context';
import { iso } from './event-log';
import type { Random } from './random';

const METHODS = [
  ['bank_transfer', 45],
  ['card', 20],
  ['paystack', 15],
  ['mobile_money', 10],
  ['cash', 10],
] as const;

/**
 * Billing: invoices issued by billing officers (errors needing correction are likelier for the
 * struggling), paid on time, late or not at all (overdue), payments against them, and each
 * officer's monthly reconciliation, some with discrepancies.
 */
export function simulateFinance(ctx: SimContext, rnd: Random): void {
  let seq = 0;
  for (const day of ctx.days) {
    const factor = OFFICE_WEEK[weekday(day)] ?? 1;
    for (const { person: officer } of workersOn(ctx, 'billing', day)) {
      for (let i = 0, n = rnd.poisson(9 * factor); i < n; i++) {
        const id = `INV-${String(++seq).padStart(6, '0')}`;
        const issuedMs = officeTime(rnd, day);
        const amount = Math.round(rnd.logNormal(42_000, 0.6) / 50) * 50;
        const dueMs = issuedMs + 14 * DAY;
        const state: Record<string, string | number | boolean | undefined> = {
          status: 'issued',
          invoice_type: 'standard',
          amount,
          currency: 'NGN',
          customer_id: `cust-${rnd.int(1, 4000)}`,
          issued_at: iso(issuedMs),
          due_at: iso(dueMs),
          created_by: officer.id,
          amount_paid: 0,
          balance: amount,
          corrected: false,
        };
        ctx.log.emit('finance', 'invoice', id, issuedMs, state);
        if (rnd.chance(clamp(0.03 - 0.02 * officer.skill, 0.005, 0.1))) {
          ctx.log.emit(
            'finance',
            'invoice',
            id,
            issuedMs + rnd.int(2, 20) * HOUR,
            Object.assign(state, { corrected: true }),
          );
        }
        const behaviour = rnd.weighted([
          ['on_time', 78],
          ['late', 14],
          ['never', 8],
        ] as const);
        if (behaviour !== 'on_time')
          ctx.log.emit('finance', 'invoice', id, dueMs + HOUR, Object.assign(state, { status: 'overdue' }));
        if (behaviour === 'never') continue;
        const paidMs =
          behaviour === 'on_time'
            ? issuedMs + rnd.int(1, 13) * DAY + rnd.int(0, 23) * HOUR
            : dueMs + rnd.int(2, 30) * DAY;
        ctx.log.emit('finance', 'payment', `PAY-${id.slice(4)}`, paidMs, {
          invoice_id: id,
          amount,
          currency: 'NGN',
          status: 'cleared',
          method: rnd.weighted(METHODS),
          paid_at: iso(paidMs),
          created_by: officer.id,
        });
        ctx.log.emit(
          'finance',
          'invoice',
          id,
          paidMs,
          Object.assign(state, { status: 'paid', paid_at: iso(paidMs), amount_paid: amount, balance: 0 }),
        );
      }
    }
  }
  // Month-end reconciliations, a few working days into the next month.
  for (let m = ctx.startMs; m < ctx.endMs; m = addMonths(m, 1)) {
    const next = addMonths(m, 1);
    for (const { person: officer } of workersOn(ctx, 'billing', next - DAY)) {
      const at = next + rnd.int(2, 5) * DAY + 11 * HOUR;
      const discrepancy = rnd.chance(clamp(0.1 - 0.05 * officer.skill, 0.02, 0.35));
      ctx.log.emit('finance', 'reconciliation', `REC-${officer.id}-${iso(m).slice(0, 7)}`, at, {
        status: discrepancy ? 'discrepancy' : 'reconciled',
        account_id: 'bank-main',
        period_start: iso(m),
        period_end: iso(next),
        reconciled_at: iso(at),
        reconciled_by: officer.id,
        discrepancy_amount: discrepancy ? Math.round(rnd.logNormal(15_000, 1)) : 0,
        items_count: rnd.int(150, 400),
      });
    }
  }
}
