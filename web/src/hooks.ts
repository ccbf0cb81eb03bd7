import { useCallback, useEffect, useRef, useState } from 'react';
import { createContext, useContext } from 'react';
import { request, type Session } from './api';

export const SessionContext = createContext<{ session: Session; signOut: () => void } | null>(null);

export function useSession() {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside a signed-in page');
  return ctx;
}

export type Loadable<T> =
  { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: T };

/** GETs a path (null: nothing to load yet) and reloads when it changes or on reload(). */
export function useApi<T>(path: string | null): [Loadable<T>, () => void] {
  const { session } = useSession();
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    // A reload of the same path keeps showing the data it has (forms below it keep their state).
    if (shown.current !== path) setResult({ state: 'loading' });
    shown.current = path;
    request<T>(session.token, 'GET', path).then(
      (data) => live && setResult({ state: 'ready', data }),
      (error: Error) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [path, session.token, tick]);
  return [result, useCallback(() => setTick((t) => t + 1), [])];
}

/** A write with its pending state and the last error. */
export function useAction() {
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(
    async <T>(method: string, path: string, body?: unknown): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await request<T>(session.token, method, path, body);
      } catch (e) {
        setError(e as Error);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [session.token],
  );
  return { run, busy, error, setError };
}

/** The current path, with pushState navigation (the gateway falls back to index.html). */
export function useRoute(): [string, (to: string) => void] {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const go = useCallback((to: string) => {
    window.history.pushState(null, '', to);
    setPath(to);
    window.scrollTo(0, 0);
  }, []);
  return [path, go];
}
