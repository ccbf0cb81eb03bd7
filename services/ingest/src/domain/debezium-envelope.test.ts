import { decodeDecimal, parseDebeziumValue } from './debezium-envelope';

const source = {
  version: '2.7.0.Final',
  connector: 'postgresql',
  name: 'erp',
  ts_ms: 1772445600000,
  db: 'erp',
  schema: 'public',
  table: 'tickets',
  lsn: 24023128,
};
const envelope = (op: string, before: unknown, after: unknown) => ({
  before,
  after,
  source,
  op,
  ts_ms: 1772445600500,
});
const row = { id: 1, status: 'open' };

describe('Debezium envelope', () => {
  it.each([
    ['c', null, row, row],
    ['r', null, row, row],
    ['u', { id: 1, status: 'new' }, row, row],
    ['d', row, null, row],
  ])('op %s gives the row image, table, commit time and LSN', (op, before, after, expected) => {
    for (const value of [
      envelope(op, before, after),
      { schema: { type: 'struct', fields: [] }, payload: envelope(op, before, after) },
    ]) {
      expect(parseDebeziumValue(JSON.stringify(value))).toEqual({
        kind: 'change',
        op,
        row: expected,
        table: 'tickets',
        tsMs: 1772445600000,
        lsn: 24023128,
      });
    }
  });

  it('treats a null value (and a null payload) as a tombstone', () => {
    expect(parseDebeziumValue(null)).toEqual({ kind: 'tombstone' });
    expect(parseDebeziumValue('')).toEqual({ kind: 'tombstone' });
    expect(parseDebeziumValue(JSON.stringify({ schema: { type: 'struct' }, payload: null }))).toEqual({
      kind: 'tombstone',
    });
  });

  it('ignores truncates and logical messages', () => {
    expect(parseDebeziumValue(JSON.stringify({ op: 't', source, ts_ms: 1 }))).toEqual({
      kind: 'ignored',
      reason: 'truncate',
    });
    expect(parseDebeziumValue(JSON.stringify({ op: 'm', source, ts_ms: 1 }))).toMatchObject({
      kind: 'ignored',
    });
  });

  it.each([
    ['not json', 'value is not JSON'],
    ['[1,2]', 'value is not a JSON object'],
    ['{"id":1}', 'not a Debezium change event (op undefined)'],
    [JSON.stringify(envelope('u', null, null)), 'op "u" without a "after" row'],
  ])('rejects %s', (value, message) => {
    expect(parseDebeziumValue(value)).toEqual({ kind: 'invalid', message });
  });

  it('decodes Kafka Connect decimals named by the schema', () => {
    const schema = {
      type: 'struct',
      fields: [
        {
          field: 'after',
          type: 'struct',
          fields: [
            { field: 'id', type: 'int32' },
            {
              field: 'total_amount',
              type: 'bytes',
              name: 'org.apache.kafka.connect.data.Decimal',
              parameters: { scale: '2' },
            },
          ],
        },
      ],
    };
    // 12345 = 0x3039 → "MDk="; -1 at scale 2 → 0xff → "/w==".
    const value = { schema, payload: envelope('c', null, { id: 3, total_amount: 'MDk=' }) };
    expect(parseDebeziumValue(JSON.stringify(value))).toMatchObject({ row: { id: 3, total_amount: 123.45 } });
    expect(decodeDecimal('/w==', 2)).toBe(-0.01);
  });
});
