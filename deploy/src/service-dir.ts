import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The service a migrate entry works for. Bundled, the entry is `services/<name>/dist/migrate.js`, so the
 * service directory is its parent; run from source, pass the directory as the first argument.
 */
export function serviceFromArgs(argv: readonly string[], bundledDir: string): { dir: string; name: string } {
  const dir = resolve(argv[2] ?? join(bundledDir, '..'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
  if (typeof pkg.name !== 'string' || !pkg.name.startsWith('@scorecard/'))
    throw new Error(`${dir}/package.json does not name a @scorecard service`);
  return { dir, name: pkg.name.slice('@scorecard/'.length) };
}
