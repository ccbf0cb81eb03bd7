import { useState } from 'react';
import { loadSession, saveSession, type Session } from './api';
import { SessionContext, useRoute } from './hooks';
import { Login } from './pages/Login';
import { EmployeeHome } from './pages/Employee';
import { ManagerHome } from './pages/Manager';
import { HrHome } from './pages/Hr';
import { ExecHome } from './pages/Exec';
import { AdminHome } from './pages/Admin';

const ROLE_PAGES: { role: string; path: string; title: string }[] = [
  { role: 'employee', path: '/me', title: 'My scorecard' },
  { role: 'manager', path: '/team', title: 'My team' },
  { role: 'hr', path: '/org', title: 'Organisation' },
  { role: 'exec', path: '/exec', title: 'Executive overview' },
  { role: 'admin', path: '/admin', title: 'Configuration' },
];

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [path, go] = useRoute();
  const signOut = () => {
    saveSession(null);
    setSession(null);
    go('/');
  };
  const ctx = session ? { session, signOut } : null;

  if (!session || !ctx)
    return (
      <Login
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          go(homeOf(s));
        }}
      />
    );

  const pages = ROLE_PAGES.filter(
    (p, i, all) => session.roles.includes(p.role) && all.findIndex((q) => q.path === p.path) === i,
  ).filter((p) => p.role !== 'employee' || session.employeeId);
  const current = pages.find((p) => path.startsWith(p.path)) ?? pages[0];

  return (
    <SessionContext.Provider value={ctx}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Scorecard</span>
        <nav aria-label="Main">
          {pages.map((p) => (
            <a
              key={p.path}
              href={p.path}
              aria-current={current?.path === p.path ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(p.path);
              }}
            >
              {p.title}
            </a>
          ))}
        </nav>
        <span className="who">
          {session.name ?? session.employeeId ?? session.sub} · {session.roles.join(', ')} · {session.tenant}
        </span>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {current?.path === '/me' ? <EmployeeHome /> : null}
        {current?.path === '/team' ? <ManagerHome path={path} go={go} /> : null}
        {current?.path === '/org' ? <HrHome /> : null}
        {current?.path === '/exec' ? <ExecHome /> : null}
        {current?.path === '/admin' ? <AdminHome /> : null}
        {!current ? <p className="state">This role has no pages here.</p> : null}
      </main>
    </SessionContext.Provider>
  );
}

function homeOf(s: Session): string {
  return (
    ROLE_PAGES.find((p) => s.roles.includes(p.role) && (p.role !== 'employee' || s.employeeId))?.path ?? '/'
  );
}
