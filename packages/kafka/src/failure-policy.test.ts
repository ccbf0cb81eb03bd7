import { DecodeError, RegistryError } from '@scorecard/contracts';
import { InfrastructureError } from '@scorecard/errors';
import { classifyFailure, errorCode } from './failure-policy';

describe('classifyFailure', () => {
  it.each([
    ['a decode failure', new DecodeError('bad_magic_byte', 'x'), 'dlq'],
    [
      'a retryable infrastructure error',
      new InfrastructureError('down', { retryable: true, code: 'ECONNREFUSED' }),
      'retry-forever',
    ],
    [
      'a non-retryable infrastructure error',
      new InfrastructureError('bad', { retryable: false, code: '22P02' }),
      'dlq',
    ],
    [
      'a raw pg serialization failure',
      Object.assign(new Error('could not serialize'), { code: '40001' }),
      'retry-forever',
    ],
    ['a raw pg unique violation', Object.assign(new Error('duplicate key'), { code: '23505' }), 'dlq'],
    ['a lost connection', new Error('Connection terminated unexpectedly'), 'retry-forever'],
    ['an unavailable registry', new RegistryError('registry_unavailable', 'x', true), 'retry-forever'],
    ['a registry refusal', new RegistryError('schema_rejected', 'x', false), 'dlq'],
    [
      'a retriable kafkajs error',
      Object.assign(new Error('x'), { name: 'KafkaJSConnectionError', retriable: true }),
      'retry-forever',
    ],
    [
      'an application error marked retryable',
      Object.assign(new Error('not yet'), { retryable: true }),
      'retry-limited',
    ],
    ['a plain bug', new TypeError('undefined is not a function'), 'dlq'],
    ['a thrown string', 'oops', 'dlq'],
  ])('%s → %s', (_name, err, action) => {
    expect(classifyFailure(err)).toBe(action);
  });
});

describe('errorCode', () => {
  it('prefers a code, then the error name', () => {
    expect(errorCode(new DecodeError('schema_mismatch', 'x'))).toBe('schema_mismatch');
    expect(errorCode(new TypeError('x'))).toBe('TypeError');
    expect(errorCode(42)).toBe('unknown');
  });
});
