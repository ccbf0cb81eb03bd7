import { AppError, type FieldError } from '@scorecard/errors';
import { ZodError } from 'zod';
import { zodFieldErrors } from '@scorecard/errors';

/** RFC 7807 problem details, as every Scorecard endpoint reports errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  request_id?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const problemType = (code: string) => `https://scorecard.dev/problems/${code.replace(/_/g, '-')}`;

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** body-parser errors carry `type`/`status`; express 5 gives them their HTTP status. */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/**
 * Maps anything thrown in a handler to a problem. Application errors keep their status and field
 * errors; unknown errors become a 500 whose detail says nothing about internals.
 */
export function toProblem(err: unknown): Problem {
  if (err instanceof AppError) return problem(err.status, err.code, err.message, [...err.errors]);
  if (err instanceof ZodError)
    return problem(400, 'validation_failed', 'The request is invalid', zodFieldErrors(err));
  const h = err as HttpishError;
  const status = h?.status ?? h?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (h.type === 'entity.parse.failed') {
      return problem(400, 'malformed_json', 'The body is not valid JSON', [
        { path: '(body)', message: 'Malformed JSON' },
      ]);
    }
    if (h.type === 'entity.too.large')
      return problem(413, 'payload_too_large', 'The request body is too large');
    return problem(
      status,
      'bad_request',
      h.expose && h.message ? h.message : 'The request cannot be processed',
    );
  }
  return problem(500, 'internal', 'An unexpected error occurred; it has been logged');
}
