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

export function migrationSets(repoRoot: string): MigrationSet[] {
  const services = join(repoRoot, 'services');
  if (!existsSync(services)) return [];
  return readdirSync(services)
    .sort()
    .map((service) => ({ service, dir: join(services, service, 'migrations') }))
    .filter(({ dir }) => existsSync(dir))
    .map(({ service, dir }) => ({
      service,
      // Each service's schema bears its name (services/compute → schema compute).
      schema: service,
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
