/**
 * Splits a SQL script into statements at `;` outside quotes and comments (a ClickHouse server
 * runs one statement per request). Statements holding only comments or whitespace are dropped.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      i = endOf(sql, '\n', i + 2);
    } else if (ch === '/' && next === '*') {
      i = endOf(sql, '*/', i + 2);
    } else if (ch === "'" || ch === '"' || ch === '`') {
      i = endOfQuoted(sql, ch, i + 1);
      hasCode = true;
    } else if (ch === ';') {
      if (hasCode) statements.push(sql.slice(start, i).trim());
      start = i + 1;
      hasCode = false;
      i++;
    } else {
      if (ch !== undefined && !/\s/.test(ch)) hasCode = true;
      i++;
    }
  }
  if (hasCode) statements.push(sql.slice(start).trim());
  return statements;
}

/** Index just past `terminator`, or the end of the text when it never comes. */
function endOf(sql: string, terminator: string, from: number): number {
  const at = sql.indexOf(terminator, from);
  return at === -1 ? sql.length : at + terminator.length;
}

/** Index just past the closing quote; ClickHouse escapes with a backslash or a doubled quote. */
function endOfQuoted(sql: string, quote: string, from: number): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === '\\') {
      i += 2;
    } else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return sql.length;
}
