import { Client } from 'pg';
import { SqlState, toInfrastructureError } from './pg-errors';

const DUPLICATE_DATABASE = '42P04';
// Interpolated inside double quotes (CREATE DATABASE takes no bind parameters).
const DATABASE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/;

/**
 * Creates the database named in `url` when it does not exist, connecting to the `postgres`
 * database of the same server. Returns true when this call created it. Safe to race: a
 * concurrent creator makes the loser see duplicate_database (or a unique violation on
 * pg_database), which counts as "already there".
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!DATABASE_NAME.test(name))
    throw new Error(`database name "${name}" must match ${DATABASE_NAME.source}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount !== 0) return false;
    // CREATE DATABASE takes no bind parameters; the name was validated above.
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === DUPLICATE_DATABASE || code === SqlState.uniqueViolation) return false;
    throw toInfrastructureError(err);
  } finally {
    await client.end();
  }
}
