import { toRegistryError } from './registry-error';

const response = (status: number, message: string) => Object.assign(new Error(message), { name: 'ResponseError', status });

describe('toRegistryError', () => {
  it.each([
    ['a refused connection (mappersmith status 400)', response(400, 'Error, status 400: connect ECONNREFUSED 127.0.0.1:8081'), 'registry_unavailable', true],
    ['a 5xx', response(503, 'Service Unavailable'), 'registry_unavailable', true],
    ['an incompatible schema (409)', response(409, 'Schema being registered is incompatible'), 'schema_rejected', false],
    ['a missing subject on lookup', Object.assign(new Error('No artifact with ID x'), { name: 'ConfluentSchemaRegistryError' }), 'schema_rejected', false],
    ['an unknown failure', new Error('boom'), 'registry_unavailable', true],
  ])('%s → %s', (_name, err, code, retryable) => {
    const e = toRegistryError(err, 'registering');
    expect([e.code, e.retryable, e.message.startsWith('registering: ')]).toEqual([code, retryable, true]);
    expect(e.cause).toBe(err);
  });
});
