import { DAY, HOUR, MINUTE, OFFICE_WEEK, officeTime, weekday } from './calendar';
import { clamp, rating, speed, workersOn, type SimContext } from './context';
import { iso } from './event-log';
import type { Random } from './random';

const PRIORITIES = [
  ['low', 30],
  ['medium', 45],
  ['high', 20],
  ['urgent', 5],
] as const;
/** SLA targets in hours by priority: first response, resolution. */
const SLA = { low: [8, 72], medium: [4, 24], high: [1, 8], urgent: [0.5, 4] } as const;
const TYPES = [
  ['technical', 45],
  ['billing', 20],
  ['service', 20],
  ['complaint', 10],
  ['support', 5],
] as const;
const CHANNELS = [
  ['phone', 35],
  ['email', 25],
  ['chat', 25],
  ['web', 15],
] as const;

/**
 * Helpdesk tickets: weekday demand, priorities with SLA targets, first responses and resolutions
 * that skilled agents reach faster, reassignments inside the team, reopenings (more often for
 * struggling agents), auto-close after two days and CSAT from about a third of customers.
 */
export function simulateTickets(ctx: SimContext, rnd: Random): void {
  let seq = 0;
  for (const day of ctx.days) {
    const factor = OFFICE_WEEK[weekday(day)] ?? 1;
    const agents = workersOn(ctx, 'helpdesk', day);
    for (const { person: agent, teamId } of agents) {
      const count = rnd.poisson(5.5 * factor);
      for (let i = 0; i < count; i++) {
        seq++;
        const teammates = agents.filter((a) => a.teamId === teamId && a.person.id !== agent.id);
        ticket(
          ctx,
          rnd,
          `TKT-${String(seq).padStart(6, '0')}`,
          officeTime(rnd, day),
          agent.id,
          agent.skill,
          teamId,
          teammates.length > 0 && rnd.chance(0.12) ? rnd.pick(teammates).person.id : undefined,
        );
      }
    }
  }
}

function ticket(
  ctx: SimContext,
  rnd: Random,
  id: string,
  createdMs: number,
  agentId: string,
  skill: number,
  teamId: string | undefined,
  firstAgent: string | undefined,
): void {
  const priority = rnd.weighted(PRIORITIES);
  const [respH, resolH] = SLA[priority];
  const responseBy = createdMs + respH * HOUR;
  const resolutionBy = createdMs + resolH * HOUR;
  const fast = speed(skill, 0.35);
  const state: Record<string, string | number | boolean | undefined> = {
    status: 'new',
    priority,
    ticket_type: rnd.weighted(TYPES),
    channel: rnd.weighted(CHANNELS),
    created_at: iso(createdMs),
    assigned_to: firstAgent ?? agentId,
    assigned_at: iso(createdMs),
    team_id: teamId,
    response_by: iso(responseBy),
    resolution_by: iso(resolutionBy),
    reopened_count: 0,
  };
  let status = 'new';
  const move = (
    to: string,
    atMs: number,
    by: string,
    extra: Record<string, string | number | boolean | undefined> = {},
  ) => {
    Object.assign(state, extra, {
      from_status: status,
      status: to,
      status_changed_at: iso(atMs),
      status_changed_by: by,
    });
    status = to;
    ctx.log.emit('ticketing', 'ticket', id, atMs, state);
  };
  ctx.log.emit('ticketing', 'ticket', id, createdMs, state);

  let t = createdMs;
  if (firstAgent) {
    // Reassigned within the team before anyone answered.
    t += Math.round(rnd.logNormal(20, 0.8) * MINUTE);
    move('open', t, agentId, { previous_assigned_to: firstAgent, assigned_to: agentId, assigned_at: iso(t) });
  }
  const firstResponseMs = Math.max(
    t + MINUTE,
    createdMs + Math.round(rnd.logNormal(respH * 60 * 0.35 * fast, 0.8) * MINUTE),
  );
  move('in_progress', firstResponseMs, agentId, {
    first_response_at: iso(firstResponseMs),
    response_sla_breached: firstResponseMs > responseBy,
  });
  let resolvedMs = firstResponseMs + Math.round(rnd.logNormal(resolH * 60 * 0.4 * fast, 0.7) * MINUTE);
  const resolutionBreached = resolvedMs > resolutionBy;
  move('resolved', resolvedMs, agentId, {
    resolved_at: iso(resolvedMs),
    resolution_sla_breached: resolutionBreached,
    sla_breached: resolutionBreached || firstResponseMs > responseBy,
  });
  const reopened = rnd.chance(clamp(0.05 + 0.04 * -skill, 0.01, 0.2));
  if (reopened) {
    // The customer disputes the fix; the ticket goes back and is worked again.
    const reopenMs = resolvedMs + Math.round(rnd.logNormal(10, 0.8) * HOUR);
    move('reopened', reopenMs, agentId, { reopened_count: 1, resolved_at: undefined });
    resolvedMs = reopenMs + Math.round(rnd.logNormal(resolH * 60 * 0.3 * fast, 0.7) * MINUTE);
    move('resolved', resolvedMs, agentId, {
      resolved_at: iso(resolvedMs),
      resolution_sla_breached: true,
      sla_breached: true,
    });
  }
  const closedMs = resolvedMs + 2 * DAY;
  move('closed', closedMs, agentId, { closed_at: iso(closedMs), closed_by: agentId });
  if (rnd.chance(0.33)) {
    const csatMs = closedMs + Math.round(rnd.logNormal(6, 1) * HOUR);
    Object.assign(state, {
      csat: rating(rnd, 4.1 + 0.45 * skill - (state.sla_breached ? 0.7 : 0) - (reopened ? 0.5 : 0)),
      csat_agent_id: agentId,
      csat_responded_at: iso(csatMs),
    });
    ctx.log.emit('ticketing', 'ticket', id, csatMs, state);
  }
}
