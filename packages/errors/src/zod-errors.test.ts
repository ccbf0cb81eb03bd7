import { z } from 'zod';
import { ValidationError, fromZodError, formatPath, isRetryable, InfrastructureError } from './index';

describe('formatPath', () => {
  it.each([
    [['events', 3, 'data', 'closed_at'], 'events[3].data.closed_at'],
    [[0, 'id'], '[0].id'],
    [['kpi'], 'kpi'],
    [[], ''],
  ])('%j → %s', (path, expected) => expect(formatPath(path)).toBe(expected));
});

describe('fromZodError', () => {
  const schema = z.object({ events: z.array(z.object({ id: z.string(), n: z.number() }).strict()) });

  it('names each bad field with its index', () => {
    const res = schema.safeParse({
      events: [
        { id: 'a', n: 1 },
        { id: 2, n: 'x', extra: true },
      ],
    });
    expect(res.success).toBe(false);
    if (res.success) return;
    const err = fromZodError(res.error);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.status).toBe(400);
    expect(err.errors.map((e) => e.path).sort()).toEqual(['events[1].extra', 'events[1].id', 'events[1].n']);
    expect(err.errors.find((e) => e.path === 'events[1].extra')?.message).toBe('Unknown field');
  });

  it('prefixes paths', () => {
    const res = z.object({ a: z.string() }).safeParse({});
    if (res.success) throw new Error('expected failure');
    expect(fromZodError(res.error, ['body']).errors[0]?.path).toBe('body.a');
  });
});

describe('isRetryable', () => {
  it.each([
    [new InfrastructureError('down', { retryable: true, code: 'connection' }), true],
    [new InfrastructureError('bad', { retryable: false, code: 'unique_violation' }), false],
    [Object.assign(new Error('kafkajs'), { retriable: true }), true],
    [new Error('plain'), false],
    ['string', false],
  ])('%s → %s', (err, expected) => expect(isRetryable(err)).toBe(expected));
});
