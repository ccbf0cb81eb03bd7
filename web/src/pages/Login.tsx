import { useState, type FormEvent } from 'react';
import { devToken, type Session } from '../api';
import { ErrorBox } from '../ui';

const ROLES = [
  { role: 'employee', label: 'Employee', person: 'emp-0004', help: 'sees their own scorecard' },
  { role: 'manager', label: 'Manager', person: 'emp-0003', help: 'reviews their team' },
  { role: 'hr', label: 'HR', person: '', help: 'finalizes periods, reports, bonus export' },
  { role: 'exec', label: 'Executive', person: '', help: 'organisation-wide reports' },
  { role: 'admin', label: 'Admin', person: '', help: 'KPI gallery, templates, bindings' },
] as const;

/** Dev auth mode only: the gateway issues a token for any role (404 otherwise). */
export function Login({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [role, setRole] = useState<string>('employee');
  const [person, setPerson] = useState('emp-0004');
  const [tenant, setTenant] = useState('demo');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const needsPerson = role === 'employee' || role === 'manager';

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
      onSignedIn({
        token,
        roles: [role],
        sub,
        tenant: tenant.trim() || 'demo',
        ...(employeeId ? { employeeId } : {}),
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
        <small id="person-help" className="help">
          In the demo tenant, emp-0004 is a helpdesk agent and emp-0003 their team lead (emp-0017 leads field
          technicians).
        </small>
        <label className="field">
          Tenant
          <input
            name="tenant"
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            autoComplete="off"
          />
        </label>
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
