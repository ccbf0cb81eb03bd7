export type DecodeErrorCode =
  | 'truncated'
  | 'bad_magic_byte'
  | 'invalid_header'
  | 'unknown_schema'
  | 'schema_mismatch'
  | 'invalid_protobuf'
  | 'unknown_topic';

/**
 * A value that can never be decoded as its topic's message. Not retryable: consumers send it to
 * the topic's DLQ and move on.
 */
export class DecodeError extends Error {
  readonly retryable = false;

  constructor(
    readonly code: DecodeErrorCode,
    message: string,
    opts?: { cause?: unknown },
  ) {
    super(message, opts);
    this.name = 'DecodeError';
  }
}

export const isDecodeError = (err: unknown): err is DecodeError => err instanceof DecodeError;
