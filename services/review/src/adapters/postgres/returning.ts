/**
 * The rows of an UPDATE/DELETE … RETURNING. TypeORM's Postgres driver answers those with
 * `[rows, affectedCount]` (INSERT and SELECT give the rows alone), so callers unwrap here.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
