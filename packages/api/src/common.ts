import { z } from 'zod';

export const id = z.string().min(1).max(200);
export const reason = z.string().trim().min(1).max(4000);
/** `true`/`false` in a query string. */
export const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** A JSON object whose fields the operation's summary and CONTRACT.md describe. */
export const jsonObject = z.record(z.unknown());
/** A list answer: `{items: [...]}`. */
export const itemList = z.object({ items: z.array(jsonObject) });
