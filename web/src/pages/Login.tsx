import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { devToken, request, type Session } from '../api';
import type { PersonSummary } from '../types';
import { ErrorBox } from '../ui';
import { roleGroupName } from '../names';

const ROLES = [
  { role: 'employee', label: 'Employee', person: 'emp-0004', help: 'sees their own scorecard' },
  { role: 'manager', label: 'Manager', person: 'emp-0003', help: 'reviews their team' },
  { role: 'hr', label: 'HR', person: '', help: 'finalizes periods, reports, bonus export' },
  { role: 'exec', label: 'Executive', person: '', help: 'organisation-wide reports' },
  { role: 'admin', label: 'Admin', person: '', help: 'KPI gallery, templates, bindings' },
] as const;

/**
 * The tenant's people, read with an HR dev token: in dev auth mode anyone may mint any role, so
 * this grants nothing new; elsewhere the dev-token endpoint is a 404 and the id is typed instead.
 */
function usePeople(tenant: string) {
  const [people, setPeople] = useState<PersonSummary[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    setPeople(null);
    setError(null);
    const timer = setTimeout(() => {
      devToken({ sub: 'dev-login', roles: ['hr'], tenant_id: tenant || 'demo' })
        .then((token) => request<{ items: PersonSummary[] }>(token, 'GET', '/review/people?limit=500'))
        .then(
          (r) => live && setPeople(r.items.filter((p) => p.status !== 'exited')),
          (e: Error) => live && setError(e),
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tenant]);
  return { people, error };
}

const personLabel = (p: PersonSummary) =>
  `${p.name ?? p.employee_id} — ${p.role ?? (p.role_group ? roleGroupName(p.role_group) : 'no role')}${
    p.direct_reports ? `, leads ${p.direct_reports}` : ''
  } (${p.employee_id})`;

/** Dev auth mode only: the gateway issues a token for any role (404 otherwise). */
export function Login({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [role, setRole] = useState<string>('employee');
  const [person, setPerson] = useState('emp-0004');
  const [tenant, setTenant] = useState('demo');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const needsPerson = role === 'employee' || role === 'manager';
  const { people, error: peopleError } = usePeople(tenant.trim());
  // Managers are the people someone reports to; anyone can sign in as an employee.
  const candidates = useMemo(
    () => people?.filter((p) => role !== 'manager' || p.direct_reports > 0) ?? [],
    [people, role],
  );
  useEffect(() => {
    if (candidates.length > 0 && !candidates.some((p) => p.employee_id === person))
      setPerson(needsPerson ? (candidates[0]?.employee_id ?? '') : '');
  }, [candidates, person, needsPerson]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const employeeId = person.trim() || undefined;
      const sub = `dev-${role}-${employeeId ?? 'user'}`;
      const token = await devToken({
        sub,
        roles: [role],
        tenant_id: tenant.trim() || 'demo',
        ...(employeeId ? { employee_id: employeeId } : {}),
      });
      const name = people?.find((p) => p.employee_id === employeeId)?.name;
      onSignedIn({
        token,
        roles: [role],
        sub,
        tenant: tenant.trim() || 'demo',
        ...(employeeId ? { employeeId } : {}),
        ...(name ? { name } : {}),
      });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <h1>Scorecard</h1>
      <p className="lede">Development sign-in: pick a role and, for employees and managers, a person.</p>
      <form onSubmit={(e) => void submit(e)} className="card">
        <label className="field">
          Tenant
          <input
            name="tenant"
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            autoComplete="off"
          />
        </label>
        <fieldset>
          <legend>Role</legend>
          <div className="roles">
            {ROLES.map((r) => (
              <label key={r.role} className={`role ${role === r.role ? 'on' : ''}`}>
                <input
                  type="radio"
                  name="role"
                  value={r.role}
                  checked={role === r.role}
                  onChange={() => {
                    setRole(r.role);
                    setPerson(r.person);
                  }}
                />
                <span>
                  <strong>{r.label}</strong>
                  <small>{r.help}</small>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {candidates.length > 0 ? (
          <label className="field">
            Person
            <select
              name="person"
              value={person}
              onChange={(e) => setPerson(e.target.value)}
              required={needsPerson}
            >
              {needsPerson ? null : <option value="">Nobody in particular</option>}
              {candidates.map((p) => (
                <option key={p.employee_id} value={p.employee_id}>
                  {personLabel(p)}
                </option>
              ))}
            </select>
            <small>
              {candidates.length} {role === 'manager' ? 'managers' : 'people'} in tenant {tenant || 'demo'}
            </small>
          </label>
        ) : (
          <>
            <label className="field">
              Person (employee id){needsPerson ? '' : ' — optional'}
              <input
                name="person"
                value={person}
                onChange={(e) => setPerson(e.target.value)}
                placeholder="emp-0004"
                required={needsPerson}
                autoComplete="off"
                aria-describedby="person-help"
              />
            </label>
            <small id="person-help" className="help" role="status">
              {people === null && !peopleError
                ? 'Looking up the people of this tenant…'
                : `No people list for tenant ${tenant || 'demo'}${peopleError ? ` (${peopleError.message})` : ''}; type an employee id.`}
            </small>
          </>
        )}
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
