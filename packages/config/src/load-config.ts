import type { z } from 'zod';

/** Raised at start when the environment does not satisfy a service's schema; names every variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once, at start. Nothing else in a service reads `process.env`
 * (trigger.dev's env.ts): every variable is declared, typed and defaulted in one schema.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const res = schema.safeParse(env);
  if (res.success) return res.data as z.output<S>;
  throw new ConfigError(
    res.error.issues.map((i) => ({ variable: i.path.join('.') || '(env)', message: i.message })),
  );
}
