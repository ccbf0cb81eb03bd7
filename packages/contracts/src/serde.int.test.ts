import { randomUUID } from 'node:crypto';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { createSerde } from './serde';
import { DecodeError } from './decode-error';
import { RegistryError } from './registry-error';
import { frame, unframe } from './wire-format';
import { ScoreComputed_Status } from './generated/scorecard/score/computed/v1/score_computed_pb';
import { HrEventSchema, HrEvent_Op } from './generated/scorecard/source/hr/v1/hr_pb';
import type { TopicMessageInit } from './topics';

const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';

const score: TopicMessageInit<'scorecard.score.computed.v1'> = {
  tenantId: 'ten-1',
  employeeId: 'emp-7',
  period: { id: 'p-2026-01', start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z', frequency: 'monthly' },
  template: { id: 'tpl-1', version: 3 },
  status: ScoreComputed_Status.PROVISIONAL,
  totalScore: 78.25,
  ratingBand: 'Exceeds',
  kras: [
    {
      kraId: 'kra-1',
      score: 78.25,
      weight: 100,
      kpis: [
        { kpiId: 'k1', actual: 42, target: 50, raw: 0.84, score: 84, weight: 60, weightedScore: 50.4, status: 'scored', evidenceCount: 42, explanationJson: '{"steps":[]}' },
        // No data: nullable numbers stay unset, which is not the same as 0.
        { kpiId: 'k2', target: 95, weight: 40, status: 'no_data', evidenceCount: 0 },
      ],
    },
  ],
  computedAt: '2026-02-01T01:00:00Z',
  runId: 'run-1',
  inputsHash: 'abc',
};

describe('Protobuf serde through the schema registry', () => {
  const prefix = `t${randomUUID().slice(0, 8)}.`;
  const serde = createSerde({ registryUrl, topicPrefix: prefix });
  const registry = new SchemaRegistry({ host: registryUrl });

  it('registers `<topic>-value` on first use, caches the id, and round-trips the generated shape', async () => {
    const bytes = await serde.encode('scorecard.score.computed.v1', score);
    const id = await serde.schemaId('scorecard.score.computed.v1');
    const latest = await registry.getLatestSchemaId(`${prefix}scorecard.score.computed.v1-value`);
    expect(latest).toBe(id);
    expect([...bytes.subarray(0, 6)]).toEqual([0, ...[...Buffer.alloc(4)].map((_, i) => (id >>> (8 * (3 - i))) & 0xff), 0]);

    const decoded = await serde.decode('scorecard.score.computed.v1', bytes);
    expect(decoded.$typeName).toBe('scorecard.score.computed.v1.ScoreComputed');
    expect(decoded.totalScore).toBe(78.25);
    expect(decoded.kras[0]?.kpis[1]?.score).toBeUndefined();
    expect(decoded.kras[0]?.kpis[1]?.target).toBe(95);
    expect(decoded.kras[0]?.kpis[0]?.weightedScore).toBe(50.4);
    expect(decoded.template?.version).toBe(3);
  });

  it('decodes bytes written by the registry library (protobufjs) with @bufbuild fromBinary', async () => {
    const id = await serde.schemaId('scorecard.source.hr.v1');
    // The library picks the schema's first message (our envelope) and frames without message indexes.
    const libBytes = await registry.encode(id, {
      tenantId: 'ten-1',
      entity: 'employee',
      id: 'e-1',
      op: HrEvent_Op.UPSERT,
      version: 12,
      employee: { name: 'Ada', managerId: 'e-0', hiredAt: '2020-01-01T00:00:00Z' },
      extra: { badge: '7' },
    });
    expect(libBytes.readInt32BE(1)).toBe(id);
    const msg = fromBinary(HrEventSchema, libBytes.subarray(5));
    expect(msg.data).toEqual({ case: 'employee', value: expect.objectContaining({ name: 'Ada', managerId: 'e-0', hiredAt: '2020-01-01T00:00:00Z' }) as unknown });
    expect(msg.version).toBe('12');
    expect(msg.extra).toEqual({ badge: '7' });
    // Re-framed in the proper wire format our serde reads it too.
    const ours = await serde.decode('scorecard.source.hr.v1', frame(id, libBytes.subarray(5)));
    expect(ours.data.case).toBe('employee');
  });

  it('writes bytes the registry library (protobufjs) decodes', async () => {
    const bytes = await serde.encode('scorecard.source.hr.v1', {
      tenantId: 'ten-1',
      entity: 'employee',
      id: 'e-2',
      op: HrEvent_Op.DELETE,
      version: '99',
      data: { case: 'employee', value: { name: 'Grace', status: 'exited' } },
    });
    const decoded = (await registry.decode(bytes)) as Record<string, unknown>;
    expect(decoded).toMatchObject({ tenantId: 'ten-1', id: 'e-2', op: HrEvent_Op.DELETE, employee: { name: 'Grace', status: 'exited' } });
    expect(String(decoded.version)).toBe('99');
    // Same bytes as the reference implementation's own encoding of the message.
    const direct = toBinary(HrEventSchema, create(HrEventSchema, fromBinary(HrEventSchema, unframe(bytes).payload)));
    expect(Buffer.from(direct).equals(Buffer.from(unframe(bytes).payload))).toBe(true);
  });

  it('rejects undecodable values with a DecodeError code', async () => {
    const scoreBytes = await serde.encode('scorecard.score.computed.v1', score);
    const codeOf = async (p: Promise<unknown>) => p.then(() => 'decoded', (e: unknown) => (e instanceof DecodeError ? e.code : `other: ${String(e)}`));
    expect(await codeOf(serde.decode('scorecard.score.computed.v1', Buffer.from('{"json":true}')))).toBe('bad_magic_byte');
    // A score value on the HR topic: the writer schema's envelope is not HrEvent.
    expect(await codeOf(serde.decode('scorecard.source.hr.v1', scoreBytes))).toBe('schema_mismatch');
    expect(await codeOf(serde.decode('scorecard.score.computed.v1', frame(2_000_000_000, Uint8Array.of(8, 1))))).toBe('unknown_schema');
    const id = await serde.schemaId('scorecard.score.computed.v1');
    expect(await codeOf(serde.decode('scorecard.score.computed.v1', frame(id, Uint8Array.of(0x0a, 0x7f, 0x01))))).toBe('invalid_protobuf');
  });

  it('with autoRegister false only looks the id up, and says so when the subject is missing', async () => {
    const other = `t${randomUUID().slice(0, 8)}.`;
    const lookupOnly = createSerde({ registryUrl, topicPrefix: other, autoRegister: false });
    const err = await lookupOnly.schemaId('scorecard.notification.v1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect([(err as RegistryError).code, (err as RegistryError).retryable]).toEqual(['schema_rejected', false]);
    const id = await createSerde({ registryUrl, topicPrefix: other }).schemaId('scorecard.notification.v1');
    // The failed lookup was not cached.
    expect(await lookupOnly.schemaId('scorecard.notification.v1')).toBe(id);
  });

  it('reports an unreachable registry as retryable', async () => {
    const down = createSerde({ registryUrl: 'http://127.0.0.1:9/apis/ccompat/v7' });
    const err = await down.encode('scorecard.notification.v1', { tenantId: 't' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect([(err as RegistryError).code, (err as RegistryError).retryable]).toEqual(['registry_unavailable', true]);
  });
});
