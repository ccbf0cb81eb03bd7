// The dashboard's only way out: same-origin calls to the gateway's /api/v1 with the bearer token.

export interface Session {
  token: string;
  roles: string[];
  sub: string;
  tenant: string;
  employeeId?: string;
  /** The person's name, when signed in as someone the people list named. */
  name?: string;
}

const KEY = 'scorecard.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

/** An RFC 7807 problem from the API, with the field errors when validation failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  let detail = `${res.status} ${res.statusText}`;
  let errors: { path: string; message: string }[] = [];
  try {
    const body = (await res.json()) as { detail?: string; title?: string; errors?: typeof errors };
    detail = body.detail ?? body.title ?? detail;
    errors = body.errors ?? [];
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, detail, errors);
}

export async function request<T>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export async function devToken(claims: {
  sub: string;
  roles: string[];
  tenant_id: string;
  employee_id?: string;
}): Promise<string> {
  return (await request<{ token: string }>(null, 'POST', '/auth/dev-token', claims)).token;
}

export const qs = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};
