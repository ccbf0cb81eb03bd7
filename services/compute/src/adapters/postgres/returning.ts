/**
 * TypeORM's postgres driver returns `[rows, affected]` for UPDATE/DELETE … RETURNING but plain
 * rows for INSERT and SELECT; this gives the rows either way.
 */
export function returningRows<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? result[0]
    : (result as T[]);
}
