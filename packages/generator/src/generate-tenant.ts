import { addMonths, days } from './calendar';
import { simulateCare } from './care';
import { simulateCrm } from './crm';
import { EventLog, type GeneratedEvent } from './event-log';
import { simulateWorkOrders } from './field-service';
import { simulateFinance } from './finance';
import { emitHr } from './hr-events';
import { simulateIncidents } from './noc';
import { buildOrganisation, type Person } from './organisation';
import { createRandom } from './random';
import { simulateSupervision } from './supervision';
import { simulateTraining } from './learning';
import { simulateTickets } from './ticketing';

export interface GenerateOptions {
  employees: number;
  months: number;
  seed: number;
  /** First day of the window, `YYYY-MM-01`. */
  start: string;
}

export interface GeneratedTenant {
  /** HR first (people exist before their work), then everything else in time order. */
  events: GeneratedEvent[];
  people: readonly Person[];
  window: { start: string; end: string };
}

/**
 * A synthetic ISP-with-care-services tenant: the org chart and HR history, then months of
 * tickets, work orders, incidents, invoices and deals, care shifts, notes, medication rounds,
 * incidents and feedback, training records and supervision sessions. Pure and deterministic: the same options
 * give the same events, byte for byte. Each domain draws from its own random stream.
 */
export function generateTenant(opts: GenerateOptions): GeneratedTenant {
  if (!/^\d{4}-\d{2}-01$/.test(opts.start))
    throw new Error('start must be the first day of a month, YYYY-MM-01');
  if (!Number.isInteger(opts.months) || opts.months < 1) throw new Error('months must be a positive integer');
  const startMs = Date.parse(`${opts.start}T00:00:00Z`);
  const endMs = addMonths(startMs, opts.months);
  const rnd = createRandom(opts.seed);
  const org = buildOrganisation(rnd.fork('org'), opts.employees, startMs, endMs);
  const hr = new EventLog(endMs);
  emitHr(hr, rnd.fork('hr'), org, startMs);
  const work = new EventLog(endMs);
  const ctx = { log: work, org, days: days(startMs, endMs), startMs, endMs };
  simulateTickets(ctx, rnd.fork('ticketing'));
  simulateWorkOrders(ctx, rnd.fork('field_service'));
  simulateIncidents(ctx, rnd.fork('noc'));
  simulateFinance(ctx, rnd.fork('finance'));
  simulateCrm(ctx, rnd.fork('crm'));
  simulateCare(ctx, rnd.fork('care'));
  simulateTraining(ctx, rnd.fork('learning'));
  simulateSupervision(ctx, rnd.fork('supervision'));
  const byTime = (a: GeneratedEvent, b: GeneratedEvent) =>
    a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0;
  return {
    events: [...hr.events.sort(byTime), ...work.events.sort(byTime)],
    people: org.people,
    window: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
  };
}
