// Staff KPI lifecycle (coaching design): KPIs belong to the person. A contract assigns its
// template's KPIs; a renewal keeps what exists and adds what is new; a role change deactivates the
// old role group's KPIs and assigns the new group's defaults; an exit deactivates everything.
// Nothing is ever deleted — plans only assign (or reactivate) and deactivate.

export interface Assignment {
  kpi_id: string;
  status: 'active' | 'inactive';
  source: 'template' | 'manual' | 'role_default';
  role_group: string | null;
}

export interface TemplateKpi {
  kpi_module_id: string;
  weight: number | null;
  is_required: boolean;
  custom_target: number | null;
}

export interface LibraryKpi {
  kpi_id: string;
  role_groups: readonly string[];
  is_default_for_role: boolean;
  active: boolean;
}

export interface AssignStep {
  kpi_id: string;
  source: Assignment['source'];
  role_group: string | null;
  weight: number | null;
  is_required: boolean;
  custom_target: number | null;
}

export interface LifecyclePlan {
  assign: AssignStep[];
  deactivate: string[];
}

const isActive = (assignments: readonly Assignment[], kpiId: string) =>
  assignments.some((a) => a.kpi_id === kpiId && a.status === 'active');

/** New contract or renewal: every template KPI not already active is assigned; nothing is removed. */
export function planContract(
  assignments: readonly Assignment[],
  template: readonly TemplateKpi[],
): LifecyclePlan {
  return {
    assign: template
      .filter((t) => !isActive(assignments, t.kpi_module_id))
      .map((t) => ({
        kpi_id: t.kpi_module_id,
        source: 'template',
        role_group: null,
        weight: t.weight,
        is_required: t.is_required,
        custom_target: t.custom_target,
      })),
    deactivate: [],
  };
}

/**
 * Role change: active KPIs that belong to the old role group and not to the new one are
 * deactivated (universal KPIs belong to every group and stay); the new group's default KPIs are
 * assigned. Manual assignments are the manager's choice and stay.
 */
export function planRoleChange(
  assignments: readonly Assignment[],
  library: readonly LibraryKpi[],
  from: string | null,
  to: string | null,
): LifecyclePlan {
  if (from === to) return { assign: [], deactivate: [] };
  const groupsOf = (kpiId: string) => library.find((k) => k.kpi_id === kpiId)?.role_groups ?? [];
  const deactivate = assignments
    .filter((a) => a.status === 'active' && a.source !== 'manual')
    .filter((a) => {
      const groups = groupsOf(a.kpi_id);
      const belongsToOld = a.role_group === from || (from !== null && groups.includes(from));
      return belongsToOld && !(to !== null && groups.includes(to));
    })
    .map((a) => a.kpi_id);
  const assign =
    to === null
      ? []
      : library
          .filter((k) => k.active && k.is_default_for_role && k.role_groups.includes(to))
          .filter((k) => !isActive(assignments, k.kpi_id) || deactivate.includes(k.kpi_id))
          .map((k) => ({
            kpi_id: k.kpi_id,
            source: 'role_default' as const,
            role_group: to,
            weight: null,
            is_required: false,
            custom_target: null,
          }));
  return { assign, deactivate: deactivate.filter((id) => !assign.some((a) => a.kpi_id === id)) };
}

/** Exit (or an HR "deactivate all"): every active KPI is deactivated; history stays. */
export function planExit(assignments: readonly Assignment[]): LifecyclePlan {
  return { assign: [], deactivate: assignments.filter((a) => a.status === 'active').map((a) => a.kpi_id) };
}
