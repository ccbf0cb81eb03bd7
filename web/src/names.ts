// Names for ids: people from review's directory (what the signed-in user may see), role groups
// from their slugs. Departments come named from reporting (`row_name`, `department_name`).
import { useCallback, useMemo } from 'react';
import { useApi } from './hooks';
import type { Kpi, PersonSummary } from './types';

/** The people the signed-in user may see (up to review's page limit), by employee id. */
export function usePeople() {
  const [people] = useApi<{ items: PersonSummary[] }>('/review/people?limit=500');
  const byId = useMemo(
    () => new Map(people.state === 'ready' ? people.data.items.map((p) => [p.employee_id, p] as const) : []),
    [people],
  );
  const nameOf = useCallback((id: string) => byId.get(id)?.name ?? id, [byId]);
  return {
    all: people.state === 'ready' ? people.data.items : [],
    personOf: (id: string) => byId.get(id),
    nameOf,
    ready: people.state !== 'loading',
  };
}

/** KPI names by id from the registry (managers, HR and admins may read it; others see ids). */
export function useKpiNames(): (id: string) => string {
  const [kpis] = useApi<{ items: Kpi[] }>('/admin/kpis');
  const byId = useMemo(
    () => new Map(kpis.state === 'ready' ? kpis.data.items.map((k) => [k.id, k.name] as const) : []),
    [kpis],
  );
  return useCallback((id: string) => byId.get(id) ?? id, [byId]);
}

/** `support_workers` → `Support workers`. */
export const roleGroupName = (slug: string): string => {
  const words = slug.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
