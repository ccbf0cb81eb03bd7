import { DAY } from './calendar';
import { iso, type EventLog } from './event-log';
import type { Organisation, Person } from './organisation';
import { DEPARTMENTS } from './organisation';
import type { Random } from './random';

const YEAR = 365 * DAY;

/** Org units, employees, contracts (with renewals), role changes and exits. */
export function emitHr(log: EventLog, rnd: Random, org: Organisation, startMs: number): void {
  const founded = startMs - 6 * YEAR;
  for (const d of DEPARTMENTS) {
    log.emit('hr', 'org_unit', d.id, founded, {
      name: d.name,
      kind: 'department',
      manager_id: org.departmentHeads.get(d.id),
      status: 'active',
    });
  }
  for (const t of org.teams) {
    log.emit('hr', 'org_unit', t.id, founded, {
      name: t.name,
      kind: 'team',
      parent_id: t.departmentId,
      manager_id: t.leadId,
      status: 'active',
    });
  }
  for (const p of org.people) emitPerson(log, rnd, p, startMs);
}

const employeeState = (p: Person) => ({
  name: p.name,
  email: p.email,
  department_id: p.departmentId,
  role: p.role,
  role_group: p.roleGroup,
  team_id: p.teamId,
  manager_id: p.managerId,
  hired_at: iso(p.hiredMs),
  status: 'active',
});

function emitPerson(log: EventLog, rnd: Random, p: Person, startMs: number): void {
  let state: Record<string, string | undefined> = employeeState(p);
  log.emit('hr', 'employee', p.id, p.hiredMs, state);

  // The contract in force at the window's start: yearly fixed-term renewals for frontline care
  // and field staff, permanent contracts for the rest.
  const fixedTerm =
    (p.kind === 'care' || p.kind === 'field') && p.roleGroup !== 'management' && rnd.chance(0.6);
  const years = fixedTerm ? Math.max(0, Math.floor((startMs - p.hiredMs) / YEAR)) : 0;
  let contract = {
    id: `ctr-${p.id}-${years + 1}`,
    startsMs: p.hiredMs + years * YEAR,
    kind: years > 0 ? 'renewal' : 'new',
  };
  const template = `ct-${p.roleGroup}`;
  const contractData = (status: string, c = contract) => ({
    employee_id: p.id,
    contract_template_id: template,
    kind: c.kind,
    starts_at: iso(c.startsMs),
    ends_at: fixedTerm ? iso(c.startsMs + YEAR) : undefined,
    status,
  });
  log.emit('hr', 'contract', contract.id, contract.startsMs, contractData('active'));
  if (fixedTerm) {
    const endsMs = contract.startsMs + YEAR;
    if (p.exitedMs === undefined || endsMs < p.exitedMs) {
      log.emit('hr', 'contract', contract.id, endsMs, contractData('ended'));
      contract = { id: `ctr-${p.id}-${years + 2}`, startsMs: endsMs, kind: 'renewal' };
      log.emit('hr', 'contract', contract.id, endsMs, contractData('active'));
    }
  }

  if (p.promotion) {
    log.emit('hr', 'role_change', `rc-${p.id}-1`, p.promotion.atMs, {
      employee_id: p.id,
      from_role: p.role,
      to_role: p.promotion.role,
      from_role_group: p.roleGroup,
      to_role_group: p.roleGroup,
      from_department_id: p.departmentId,
      to_department_id: p.departmentId,
      effective_at: iso(p.promotion.atMs),
    });
    state = { ...state, role: p.promotion.role };
    log.emit('hr', 'employee', p.id, p.promotion.atMs, state);
  }
  if (p.transfer) {
    const t = p.transfer;
    log.emit('hr', 'role_change', `rc-${p.id}-1`, t.atMs, {
      employee_id: p.id,
      from_role: p.role,
      to_role: t.role,
      from_role_group: p.roleGroup,
      to_role_group: t.roleGroup,
      from_department_id: p.departmentId,
      to_department_id: t.departmentId,
      effective_at: iso(t.atMs),
    });
    state = {
      ...state,
      role: t.role,
      role_group: t.roleGroup,
      department_id: t.departmentId,
      team_id: t.teamId,
      manager_id: t.managerId,
    };
    log.emit('hr', 'employee', p.id, t.atMs, state);
  }
  if (p.exitedMs !== undefined) {
    log.emit('hr', 'employee', p.id, p.exitedMs, {
      ...state,
      status: 'exited',
      exited_at: iso(p.exitedMs),
      exit_reason: p.exitReason,
    });
    log.emit(
      'hr',
      'contract',
      contract.id,
      p.exitedMs,
      contractData(p.exitReason === 'contract_end' ? 'ended' : 'terminated'),
    );
  }
}
