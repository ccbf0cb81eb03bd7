import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One service's migrations: `services/<service>/migrations/*.sql`, applied into `schema`. */
export interface MigrationSet {
  service: string;
  schema: string;
  dir: string;
  files: { name: string; sql: string }[];
}

// DESIGN.md §1: the registry service's schema is registry_svc (it is not the schema registry).
const SCHEMA_OVERRIDES: Record<string, string> = { registry: 'registry_svc' };

export function migrationSets(repoRoot: string): MigrationSet[] {
  const services = join(repoRoot, 'services');
  if (!existsSync(services)) return [];
  return readdirSync(services)
    .sort()
    .map((service) => ({ service, dir: join(services, service, 'migrations') }))
    .filter(({ dir }) => existsSync(dir))
    .map(({ service, dir }) => ({
      service,
      schema: SCHEMA_OVERRIDES[service] ?? service,
      dir,
      files: readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .sort()
        .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') })),
    }))
    .filter((set) => set.files.length > 0);
}

/** Changes whenever any migration file, its name or its target schema changes. */
export function migrationsHash(sets: MigrationSet[]): string {
  const h = createHash('sha256');
  for (const set of sets) {
    h.update(`${set.service}\0${set.schema}\0`);
    for (const f of set.files) h.update(`${f.name}\0${f.sql}\0`);
  }
  return h.digest('hex');
}
