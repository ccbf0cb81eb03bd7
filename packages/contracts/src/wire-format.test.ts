import { DecodeError } from './decode-error';
import { encodeMessageIndexes, frame, unframe } from './wire-format';

describe('Confluent wire format', () => {
  it('frames magic byte, big-endian schema id, index [0] as one zero byte, then the payload', () => {
    const buf = frame(0x01020304, Uint8Array.of(0x0a, 0x01, 0x41));
    expect([...buf]).toEqual([0, 1, 2, 3, 4, 0, 0x0a, 0x01, 0x41]);
  });

  it('round-trips nested message indexes as zig-zag varints', () => {
    expect([...encodeMessageIndexes([1, 70])]).toEqual([4, 2, 140, 1]);
    const { schemaId, indexes, payload } = unframe(frame(7, Uint8Array.of(8, 1), [1, 70]));
    expect({ schemaId, indexes, payload: [...payload] }).toEqual({ schemaId: 7, indexes: [1, 70], payload: [8, 1] });
  });

  it.each([
    ['truncated', [0, 0, 0]],
    ['bad_magic_byte', [1, 0, 0, 0, 1, 0, 8]],
    ['truncated', [0, 0, 0, 0, 1, 0x82]],
    ['invalid_header', [0, 0, 0, 0, 1, 0x7f]],
  ])('rejects a malformed header with DecodeError %s', (code, bytes) => {
    let caught: unknown;
    try {
      unframe(Uint8Array.from(bytes));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect((caught as DecodeError).code).toBe(code);
    expect((caught as DecodeError).retryable).toBe(false);
  });
});
