// `scorecard import <source>/<entity> file.csv --map col=field … [--preset name] [--dry-run]`: sends
// a CSV export through the gateway's import endpoint (POST /api/v1/ingest/imports/{source}/{entity})
// and prints what happened: rows read, accepted, duplicates, errors, and each row error by line.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { devToken } from './recompute';

export interface ImportOptions {
  map: string[];
  preset?: string;
  timezone?: string;
  dateOrder?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

/** The import endpoint's URL for a `<source>/<entity>` target and the options. */
export function importUrl(gateway: string, target: string, o: ImportOptions): string {
  const [source, entity, ...rest] = target.split('/');
  if (!source || !entity || rest.length > 0)
    throw new Error(`"${target}" is not <source>/<entity>, e.g. care/shift`);
  const q = new URLSearchParams();
  for (const m of o.map) q.append('map', m);
  if (o.preset) q.set('preset', o.preset);
  if (o.timezone) q.set('timezone', o.timezone);
  if (o.dateOrder) q.set('date_order', o.dateOrder);
  if (o.dryRun) q.set('dry_run', 'true');
  if (o.skipInvalid) q.set('skip_invalid', 'true');
  const query = q.toString();
  return `${gateway}/api/v1/ingest/imports/${encodeURIComponent(source)}/${encodeURIComponent(entity)}${query ? `?${query}` : ''}`;
}

interface LineError {
  line: number;
  field: string;
  column?: string;
  message: string;
}

interface Report {
  source: string;
  entity: string;
  dry_run: boolean;
  rows: number;
  valid: number;
  invalid: number;
  accepted: number;
  would_accept?: number;
  duplicates: number;
  errors: LineError[];
}

interface Problem {
  detail?: string;
  errors?: { path: string; message: string }[];
}

const lineError = (e: LineError) =>
  `line ${e.line}: ${e.field}: ${e.message}${e.column === undefined ? '' : ` (column "${e.column}")`}`;

/** `lines[7].csat` → `line 7: csat: …`; any other path (map.X, preset, timezone) as it is. */
const problemError = (e: { path: string; message: string }) => {
  const m = /^lines\[(\d+)\]\.?(.*)$/.exec(e.path);
  return m ? `line ${m[1]}: ${m[2] || '(row)'}: ${e.message}` : `${e.path}: ${e.message}`;
};

/** What the command prints for an answer, and whether it counts as a success (exit code 0). */
export function describeAnswer(status: number, body: unknown): { ok: boolean; lines: string[] } {
  if (status === 200 || status === 202) {
    const r = body as Report;
    const head = `${r.source}/${r.entity}: ${r.rows} rows read, ${r.accepted} accepted, ${r.duplicates} duplicates, ${r.invalid} with errors`;
    const lines = [
      r.dry_run ? `${head} — dry run: ${r.would_accept ?? 0} would be accepted, nothing was` : head,
      ...r.errors.map(lineError),
    ];
    if (r.invalid > r.errors.length) lines.push(`… ${r.invalid - r.errors.length} more rows with errors`);
    return { ok: !(r.dry_run && r.invalid > 0), lines };
  }
  const p = (body ?? {}) as Problem;
  return {
    ok: false,
    lines: [`refused (${status}): ${p.detail ?? 'no details'}`, ...(p.errors ?? []).map(problemError)],
  };
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import a CSV export (rostering, incidents, training, HR…) as source events; --dry-run checks it',
    )
    .argument('<target>', 'source/entity of the catalog, e.g. care/shift')
    .argument('<file>', 'CSV file with a header line')
    .option(
      '--map <column=field>',
      'column → canonical field (or id, occurred_at, version, deleted); repeat',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      '--preset <name>',
      'a column map for a known export (shiftcare-timesheets, alayacare-visits, deputy-timesheets, incident-register, lms-training, deputy-training-records)',
    )
    .option('--timezone <zone>', 'IANA zone of wall-clock times in the file (default UTC)')
    .option(
      '--date-order <ymd|dmy|mdy>',
      'order of numeric dates such as 05/10/2026 (default: the preset’s, else ymd)',
    )
    .option('--dry-run', 'validate and count only; accept nothing')
    .option(
      '--skip-invalid',
      'import the valid rows and report the bad ones (default: any bad row refuses the file)',
    )
    .option('--gateway <url>', 'gateway base URL', 'http://127.0.0.1:4000')
    .option('--tenant <id>', 'tenant (for a dev token)', 'demo')
    .option('--token <jwt>', 'bearer token (default: SCORECARD_TOKEN, else a dev token)')
    .action(
      async (
        target: string,
        file: string,
        o: ImportOptions & { gateway: string; tenant: string; token?: string },
      ) => {
        const url = importUrl(o.gateway, target, o);
        const body = await readFile(file);
        const token = o.token ?? process.env['SCORECARD_TOKEN'] ?? (await devToken(o.gateway, o.tenant));
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
          body,
        });
        const answer = describeAnswer(res.status, await res.json().catch(() => undefined));
        for (const line of answer.lines) console.log(line);
        if (!answer.ok) process.exitCode = 1;
      },
    );
}
