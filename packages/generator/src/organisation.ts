import { DAY, MINUTE } from './calendar';
import type { Random } from './random';

/** What a person's work produces as source events. */
export type WorkKind = 'helpdesk' | 'field' | 'noc' | 'billing' | 'sales' | 'care' | 'corporate';

interface RoleSpec {
  role: string;
  roleGroup: string;
  weight: number;
}

interface DepartmentSpec {
  id: string;
  name: string;
  /** Share of the staff below the executive level. */
  share: number;
  kind: WorkKind;
  teamSize: number;
  lead: Omit<RoleSpec, 'weight'>;
  staff: readonly RoleSpec[];
}

/**
 * An ISP that also runs community care services. ISP role groups sit beside the seeded library's
 * care-sector ones (support_workers, registered_nurses, …); every team has a leader (team_leaders)
 * who reports to a department head (management), who reports to the CEO.
 */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    id: 'dep-customer-care',
    name: 'Customer Care',
    share: 0.24,
    kind: 'helpdesk',
    teamSize: 8,
    lead: { role: 'Helpdesk Team Lead', roleGroup: 'team_leaders' },
    staff: [{ role: 'Helpdesk Agent', roleGroup: 'helpdesk_agents', weight: 1 }],
  },
  {
    id: 'dep-field-ops',
    name: 'Field Operations',
    share: 0.18,
    kind: 'field',
    teamSize: 7,
    lead: { role: 'Field Supervisor', roleGroup: 'team_leaders' },
    staff: [{ role: 'Field Technician', roleGroup: 'field_technicians', weight: 1 }],
  },
  {
    id: 'dep-noc',
    name: 'Network Operations Centre',
    share: 0.08,
    kind: 'noc',
    teamSize: 6,
    lead: { role: 'NOC Shift Lead', roleGroup: 'team_leaders' },
    staff: [{ role: 'NOC Engineer', roleGroup: 'noc_engineers', weight: 1 }],
  },
  {
    id: 'dep-billing',
    name: 'Finance & Billing',
    share: 0.07,
    kind: 'billing',
    teamSize: 6,
    lead: { role: 'Billing Supervisor', roleGroup: 'team_leaders' },
    staff: [{ role: 'Billing Officer', roleGroup: 'billing_officers', weight: 1 }],
  },
  {
    id: 'dep-sales',
    name: 'Sales & Accounts',
    share: 0.08,
    kind: 'sales',
    teamSize: 6,
    lead: { role: 'Sales Team Lead', roleGroup: 'team_leaders' },
    staff: [{ role: 'Account Manager', roleGroup: 'account_managers', weight: 1 }],
  },
  {
    id: 'dep-community-care',
    name: 'Community Care Services',
    share: 0.29,
    kind: 'care',
    teamSize: 9,
    lead: { role: 'Care Team Leader', roleGroup: 'team_leaders' },
    staff: [
      { role: 'Disability Support Worker', roleGroup: 'support_workers', weight: 45 },
      { role: 'Personal Care Worker', roleGroup: 'personal_care_workers', weight: 20 },
      { role: 'Registered Nurse', roleGroup: 'registered_nurses', weight: 12 },
      { role: 'Enrolled Nurse', roleGroup: 'enrolled_nurses', weight: 8 },
      { role: 'Care Coordinator', roleGroup: 'coordinators', weight: 10 },
      { role: 'Occupational Therapist', roleGroup: 'allied_health', weight: 5 },
    ],
  },
  {
    id: 'dep-corporate',
    name: 'Corporate Services',
    share: 0.06,
    kind: 'corporate',
    teamSize: 6,
    lead: { role: 'Corporate Services Lead', roleGroup: 'team_leaders' },
    staff: [
      { role: 'HR Officer', roleGroup: 'administration', weight: 3 },
      { role: 'Receptionist', roleGroup: 'administration', weight: 2 },
      { role: 'Quality & Compliance Officer', roleGroup: 'quality_compliance', weight: 2 },
    ],
  },
];

export const MIN_EMPLOYEES = 1 + DEPARTMENTS.length * 3;

export interface Transfer {
  atMs: number;
  kind: WorkKind;
  departmentId: string;
  teamId: string;
  managerId: string;
  role: string;
  roleGroup: string;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  departmentId: string;
  teamId: string | undefined;
  managerId: string | undefined;
  role: string;
  roleGroup: string;
  kind: WorkKind;
  /** Standard-normal ability: > 1 skilled, < −1 struggling; drives speed, quality and outcomes. */
  skill: number;
  hiredMs: number;
  exitedMs: number | undefined;
  exitReason: string | undefined;
  /** A promotion (new title) or a move to another department, during the window. */
  promotion: { atMs: number; role: string } | undefined;
  transfer: Transfer | undefined;
}

export interface Team {
  id: string;
  name: string;
  departmentId: string;
  leadId: string;
}

export interface Organisation {
  people: Person[];
  teams: Team[];
  departmentHeads: Map<string, string>;
}

const FIRST = [
  'Ada',
  'Chidi',
  'Ngozi',
  'Tunde',
  'Amaka',
  'Emeka',
  'Funmi',
  'Ibrahim',
  'Kemi',
  'Musa',
  'Zainab',
  'Olu',
  'Grace',
  'Daniel',
  'Fatima',
  'Samuel',
  'Aisha',
  'Peter',
  'Ruth',
  'Yusuf',
  'Mary',
  'Joseph',
  'Halima',
  'David',
  'Chioma',
  'Bola',
  'Efe',
  'Nneka',
  'Segun',
  'Tope',
  'Sarah',
  'James',
  'Lina',
  'Tom',
  'Priya',
  'Wei',
];
const LAST = [
  'Okafor',
  'Adeyemi',
  'Bello',
  'Eze',
  'Ogunleye',
  'Nwosu',
  'Abubakar',
  'Balogun',
  'Okeke',
  'Danjuma',
  'Afolabi',
  'Ibe',
  'Lawal',
  'Chukwu',
  'Olawale',
  'Umeh',
  'Smith',
  'Nguyen',
  'Patel',
  'Brown',
  'Taylor',
  'Mensah',
  'Owusu',
  'Kamau',
];

/**
 * Builds the hierarchy for exactly `employees` people: CEO → department heads → team leaders →
 * staff, hired over the years before the window (a few during it), some leaving, promoted or moved.
 */
export function buildOrganisation(
  rnd: Random,
  employees: number,
  startMs: number,
  endMs: number,
): Organisation {
  if (employees < MIN_EMPLOYEES)
    throw new Error(`at least ${MIN_EMPLOYEES} employees are needed for the org chart`);
  const people: Person[] = [];
  const teams: Team[] = [];
  const heads = new Map<string, string>();
  const windowMs = endMs - startMs;
  let n = 0;
  const person = (
    p: Pick<Person, 'departmentId' | 'teamId' | 'managerId' | 'role' | 'roleGroup' | 'kind'>,
    senior: boolean,
  ): Person => {
    n++;
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const id = `emp-${String(n).padStart(4, '0')}`;
    // Most were hired long before; about one in twelve joins during the window.
    const joinsDuring = !senior && rnd.chance(0.08);
    const hiredMs = joinsDuring
      ? startMs + Math.floor(rnd.next() * windowMs * 0.8)
      : startMs - Math.round(Math.max(30, rnd.logNormal(senior ? 1600 : 800, 0.7)) * DAY);
    const hired = new Date(hiredMs);
    const created: Person = {
      id,
      name: `${first} ${last}`,
      email: `${first}.${last}.${n}@example-isp.test`.toLowerCase(),
      ...p,
      skill: rnd.normal(0, 1),
      hiredMs: Date.UTC(hired.getUTCFullYear(), hired.getUTCMonth(), hired.getUTCDate()) + 8 * 60 * MINUTE,
      exitedMs: undefined,
      exitReason: undefined,
      promotion: undefined,
      transfer: undefined,
    };
    people.push(created);
    return created;
  };

  const ceo = person(
    {
      departmentId: 'dep-corporate',
      teamId: undefined,
      managerId: undefined,
      role: 'Chief Executive Officer',
      roleGroup: 'management',
      kind: 'corporate',
    },
    true,
  );
  const below = employees - 1;
  const budgets = DEPARTMENTS.map((d) => Math.max(2, Math.round(d.share * below)) - 1);
  // Rounding: the largest department absorbs the difference so the headcount is exact.
  const largest = budgets.indexOf(Math.max(...budgets));
  budgets[largest] =
    (budgets[largest] ?? 0) + below - DEPARTMENTS.length - budgets.reduce((s, b) => s + b, 0);

  DEPARTMENTS.forEach((dept, i) => {
    const head = person(
      {
        departmentId: dept.id,
        teamId: undefined,
        managerId: ceo.id,
        role: `Head of ${dept.name}`,
        roleGroup: 'management',
        kind: dept.kind,
      },
      true,
    );
    heads.set(dept.id, head.id);
    const budget = budgets[i] ?? 1;
    const teamCount = Math.max(1, Math.round(budget / (dept.teamSize + 1)));
    const staffCount = budget - teamCount;
    const deptTeams: Team[] = [];
    for (let t = 0; t < teamCount; t++) {
      const teamId = `team-${dept.id.slice(4)}-${t + 1}`;
      const lead = person(
        {
          departmentId: dept.id,
          teamId,
          managerId: head.id,
          role: dept.lead.role,
          roleGroup: dept.lead.roleGroup,
          kind: dept.kind,
        },
        true,
      );
      const team = { id: teamId, name: `${dept.name} ${t + 1}`, departmentId: dept.id, leadId: lead.id };
      teams.push(team);
      deptTeams.push(team);
    }
    for (let s = 0; s < staffCount; s++) {
      const team = deptTeams[s % deptTeams.length] as Team;
      const spec = rnd.weighted(dept.staff.map((r) => [r, r.weight] as const));
      person(
        {
          departmentId: dept.id,
          teamId: team.id,
          managerId: team.leadId,
          role: spec.role,
          roleGroup: spec.roleGroup,
          kind: dept.kind,
        },
        false,
      );
    }
  });

  // Exits (about 1.2% of staff a month), promotions and moves between helpdesk and billing.
  const months = windowMs / (30 * DAY);
  const teamsOf = (deptId: string) => teams.filter((t) => t.departmentId === deptId);
  for (const p of people) {
    if (p.roleGroup === 'management' || p.roleGroup === 'team_leaders') continue;
    const from = Math.max(startMs, p.hiredMs + 30 * DAY);
    if (from >= endMs) continue;
    const at = () => from + Math.floor(rnd.next() * (endMs - from));
    if (rnd.chance(1 - Math.pow(1 - 0.012 * (p.skill < -1 ? 2 : 1), months))) {
      p.exitedMs = at();
      p.exitReason = rnd.weighted([
        ['resignation', 70],
        ['termination', p.skill < -1 ? 30 : 8],
        ['retirement', 5],
        ['contract_end', 12],
      ] as const);
      continue;
    }
    if (p.skill > 0.8 && rnd.chance(0.05 * months)) p.promotion = { atMs: at(), role: `Senior ${p.role}` };
    else if ((p.kind === 'helpdesk' || p.kind === 'billing') && rnd.chance(0.006 * months)) {
      const target = DEPARTMENTS.find((d) => d.kind === (p.kind === 'helpdesk' ? 'billing' : 'helpdesk'));
      const team = target && rnd.pick(teamsOf(target.id));
      const spec = target?.staff[0];
      if (target && team && spec) {
        p.transfer = {
          atMs: at(),
          kind: target.kind,
          departmentId: target.id,
          teamId: team.id,
          managerId: team.leadId,
          role: spec.role,
          roleGroup: spec.roleGroup,
        };
      }
    }
  }
  return { people, teams, departmentHeads: heads };
}

/** Whether the person works (is employed) at `ms`. */
export const employedAt = (p: Person, ms: number) =>
  p.hiredMs <= ms && (p.exitedMs === undefined || ms < p.exitedMs);

/** The person's work kind and team at `ms` (a transfer switches both). */
export function postAt(p: Person, ms: number): { kind: WorkKind; teamId: string | undefined } {
  return p.transfer && ms >= p.transfer.atMs
    ? { kind: p.transfer.kind, teamId: p.transfer.teamId }
    : { kind: p.kind, teamId: p.teamId };
}
