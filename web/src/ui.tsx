import type { ReactNode } from 'react';
import type { Loadable } from './hooks';
import { ApiError } from './api';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const hint =
    status === 401
      ? 'Your session has expired; sign in again.'
      : status === 403
        ? 'Your role cannot see this.'
        : status === 404
          ? 'Nothing here yet.'
          : undefined;
  return (
    <div className="state error" role="alert">
      <strong>Something went wrong.</strong> {error.message}
      {hint ? <> — {hint}</> : null}
      {error instanceof ApiError && error.errors.length > 0 ? (
        <ul>
          {error.errors.map((e) => (
            <li key={e.path}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {retry ? (
        <button type="button" className="link" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders a Loadable: a spinner, the error with a retry, or the content. */
export function Show<T>(props: {
  value: Loadable<T>;
  what: string;
  retry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const v = props.value;
  if (v.state === 'loading') return <Loading what={props.what} />;
  if (v.state === 'error')
    return <ErrorBox error={v.error} {...(props.retry ? { retry: props.retry } : {})} />;
  return <>{props.children(v.data)}</>;
}

const GROWTH: Record<string, string> = { exceeding: 'Exceeding', meeting: 'Meeting', growing: 'Growing' };

/** The employee-facing growth label; never "below" or "failing". */
export function GrowthLabel({ label }: { label: string | null | undefined }) {
  if (!label) return <span className="badge muted">Not yet measured</span>;
  return <span className={`badge growth-${label}`}>{GROWTH[label] ?? label}</span>;
}

export function Band({ band }: { band: string | null | undefined }) {
  if (!band) return <span className="badge muted">—</span>;
  return <span className={`badge band-${band.toLowerCase()}`}>{band}</span>;
}

export const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

export function periodLabel(id: string): string {
  const m = /^monthly:(\d{4})-(\d{2})$/.exec(id);
  if (!m) return id;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return d.toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function Trend({ direction, change }: { direction: string; change: number | null }) {
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▬';
  const word = direction === 'up' ? 'Up' : direction === 'down' ? 'Down' : 'Steady';
  return (
    <span className={`trend trend-${direction}`}>
      <span aria-hidden="true">{arrow}</span> {word}
      {change !== null ? ` ${change > 0 ? '+' : ''}${fmt(change)} pts` : ''} since last period
    </span>
  );
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = `h-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
