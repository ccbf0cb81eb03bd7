// contracts depends on nothing internal, so it keeps its own exhaustiveness guard.
export function assertNeverField(value: never): never {
  throw new Error(`unexpected field type ${String(value)}`);
}
