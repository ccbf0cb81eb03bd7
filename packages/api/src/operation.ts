import type { AnyZodObject, ZodEffects, ZodTypeAny } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One operation of the public API: the schemas its service validates with, and its description. */
export interface ApiOperation {
  method: Method;
  /** The full path with `{param}` segments, as CONTRACT.md and OpenAPI write it. */
  path: string;
  summary: string;
  tag: string;
  /** Path parameters other than plain strings; the rest are read off `path`. */
  params?: AnyZodObject;
  /** An object schema, maybe refined. */
  query?: AnyZodObject | ZodEffects<AnyZodObject, unknown, unknown>;
  body?: ZodTypeAny;
  /** The body's media type when it is not JSON (read raw by the gateway and the service). */
  bodyMediaType?: 'text/csv';
  /** The success answer: JSON with status 200 unless said otherwise. */
  ok?: { status?: 201 | 202; schema?: ZodTypeAny; csv?: true };
  /** Answers beyond those every operation may give (400, 401, 403, 404, 413, 429). */
  errors?: readonly (409 | 422)[];
}
