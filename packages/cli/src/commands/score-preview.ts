// `scorecard score-preview [file]`: the score-preview endpoint offline. Reads one request or a JSON
// array of requests from the file (or stdin) and prints the response(s) as JSON.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatPath, scorePreview, type PreviewResponse, type ValidationIssue } from '@scorecard/scoring';

export type PreviewRun =
  { ok: true; output: PreviewResponse | PreviewResponse[] } | { ok: false; errors: ValidationIssue[] };

/** Runs every request in the text; any invalid request fails the whole run, with indexed paths. */
export function runScorePreview(text: string): PreviewRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      errors: [{ path: '', message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` }],
    };
  }
  if (!Array.isArray(parsed)) {
    const result = scorePreview(parsed);
    return result.ok ? { ok: true, output: result.value } : { ok: false, errors: result.errors };
  }
  const output: PreviewResponse[] = [];
  const errors: ValidationIssue[] = [];
  parsed.forEach((request: unknown, i) => {
    const result = scorePreview(request);
    if (result.ok) output.push(result.value);
    else
      for (const e of result.errors)
        errors.push({ path: `${formatPath([i])}${e.path === '' ? '' : `.${e.path}`}`, message: e.message });
  });
  return errors.length === 0 ? { ok: true, output } : { ok: false, errors };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerScorePreview(program: Command): void {
  program
    .command('score-preview')
    .description('score one KPI or a whole scorecard offline (same code path as compute)')
    .argument('[file]', 'JSON request, or an array of requests; stdin when omitted')
    .action(async (file: string | undefined) => {
      const run = runScorePreview(file === undefined ? await readStdin() : await readFile(file, 'utf8'));
      if (run.ok) {
        console.log(JSON.stringify(run.output, null, 2));
        return;
      }
      console.error(JSON.stringify({ errors: run.errors }, null, 2));
      process.exitCode = 1;
    });
}
