/** A field-level validation message; `path` is dotted/indexed, e.g. `events[3].data.closed_at`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Application errors: the outcomes a caller can act on. They map to problem+json only at
 * the HTTP edge (packages/http); inside services they are plain values with a `code`.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(errors: readonly FieldError[], message = 'The request is invalid') {
    super(message, 'validation_failed', 400, errors);
  }
}

/** Well-formed input that cannot be accepted as it stands (e.g. weights not summing to 100). */
export class UnprocessableError extends AppError {
  constructor(message: string, errors: readonly FieldError[] = []) {
    super(message, 'unprocessable', 422, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid bearer token is required') {
    super(message, 'unauthorized', 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed') {
    super(message, 'forbidden', 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(message, 'not_found', 404);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 'conflict', 409);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The request body is too large') {
    super(message, 'payload_too_large', 413);
  }
}

/** A dependency is down or overloaded; the request may be retried. */
export class UnavailableError extends AppError {
  constructor(message = 'A dependency is unavailable; retry later') {
    super(message, 'unavailable', 503);
  }
}
