import { InfrastructureError } from '@scorecard/errors';
import { classifyPgError, toInfrastructureError } from './pg-errors';

// Shapes as node-postgres, pg-pool, TypeORM and Node's net module produce them.
const pgError = (code: string, extra: object = {}) =>
  Object.assign(new Error(`pg ${code}`), { code, ...extra });

test.each([
  [
    'unique violation',
    pgError('23505', { constraint: 'kpis_slug_key' }),
    { code: '23505', retryable: false, constraint: 'kpis_slug_key' },
  ],
  ['not-null violation', pgError('23502'), { code: '23502', retryable: false }],
  ['syntax error', pgError('42601'), { code: '42601', retryable: false }],
  ['immutable row (ours)', pgError('55S01'), { code: '55S01', retryable: false }],
  ['plain raise_exception', pgError('P0001'), { code: 'P0001', retryable: false }],
  ['serialization failure', pgError('40001'), { code: '40001', retryable: true }],
  ['deadlock', pgError('40P01'), { code: '40P01', retryable: true }],
  ['lock timeout', pgError('55P03'), { code: '55P03', retryable: true }],
  ['admin shutdown', pgError('57P01'), { code: '57P01', retryable: true }],
  ['cannot connect now', pgError('57P03'), { code: '57P03', retryable: true }],
  ['connection failure (class 08)', pgError('08006'), { code: '08006', retryable: true }],
  ['too many connections', pgError('53300'), { code: '53300', retryable: true }],
  ['statement timeout', pgError('57014'), { code: '57014', retryable: false }],
  ['out of memory', pgError('53200'), { code: '53200', retryable: false }],
  ['socket refused', pgError('ECONNREFUSED'), { code: 'ECONNREFUSED', retryable: true }],
  ['socket reset', pgError('ECONNRESET'), { code: 'ECONNRESET', retryable: true }],
  [
    'dropped connection',
    new Error('Connection terminated unexpectedly'),
    { code: 'CONNECTION_LOST', retryable: true },
  ],
  [
    'pool timeout',
    new Error('timeout exceeded when trying to connect'),
    { code: 'CONNECTION_LOST', retryable: true },
  ],
  [
    'TypeORM QueryFailedError',
    Object.assign(new Error('q'), { driverError: pgError('40001') }),
    { code: '40001', retryable: true },
  ],
  [
    'AggregateError of sockets',
    new AggregateError([pgError('ECONNREFUSED')]),
    { code: 'ECONNREFUSED', retryable: true },
  ],
  ['unrelated error', new TypeError('x is undefined'), { code: 'UNKNOWN', retryable: false }],
  ['non-error value', 'boom', { code: 'UNKNOWN', retryable: false }],
])('classifies %s', (_name, err, expected) => {
  expect(classifyPgError(err)).toEqual(expected);
});

test('toInfrastructureError wraps database errors with code and retryable, keeping the cause', () => {
  const cause = pgError('40P01');
  const wrapped = toInfrastructureError(cause);

  expect(wrapped).toBeInstanceOf(InfrastructureError);
  expect(wrapped).toMatchObject({ code: '40P01', retryable: true, cause, message: 'postgres: pg 40P01' });
  expect(toInfrastructureError(wrapped)).toBe(wrapped);
});

test('toInfrastructureError leaves other errors alone', () => {
  const err = new RangeError('bad input');
  expect(toInfrastructureError(err)).toBe(err);
});
