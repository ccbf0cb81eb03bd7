import { DecodeError } from './decode-error';

// Confluent wire format for Protobuf: magic byte 0, 4-byte big-endian schema id, the message-index
// array (zig-zag varints: count, then indexes; the common [0] is the single byte 0), then the
// Protobuf bytes. @kafkajs/confluent-schema-registry 3.x omits the index array when it encodes,
// which Java/Go/Python deserializers reject, so we frame ourselves.

const MAGIC = 0;

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const unzigzag = (n: number) => (n >>> 1) ^ -(n & 1);

function writeVarint(out: number[], value: number): void {
  let v = value >>> 0;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  for (let shift = 0, i = pos; shift < 35; shift += 7, i++) {
    const b = buf[i];
    if (b === undefined) throw new DecodeError('truncated', 'message-index array runs past the end of the buffer');
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result >>> 0, i + 1];
  }
  throw new DecodeError('invalid_header', 'message-index varint is too long');
}

export function encodeMessageIndexes(indexes: readonly number[]): Uint8Array {
  if (indexes.length === 1 && indexes[0] === 0) return Uint8Array.of(0);
  const out: number[] = [];
  writeVarint(out, zigzag(indexes.length));
  for (const i of indexes) writeVarint(out, zigzag(i));
  return Uint8Array.from(out);
}

export function frame(schemaId: number, payload: Uint8Array, indexes: readonly number[] = [0]): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(MAGIC, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, encodeMessageIndexes(indexes), payload]);
}

export interface Unframed {
  schemaId: number;
  indexes: number[];
  payload: Uint8Array;
}

export function unframe(buf: Uint8Array): Unframed {
  if (buf.length < 6) throw new DecodeError('truncated', `value of ${buf.length} bytes is shorter than the wire-format header`);
  if (buf[0] !== MAGIC) throw new DecodeError('bad_magic_byte', `magic byte ${buf[0]} is not ${MAGIC}: not Confluent wire format`);
  const schemaId = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).readInt32BE(1);
  const [rawCount, afterCount] = readVarint(buf, 5);
  const count = unzigzag(rawCount);
  if (count < 0 || count > 32) throw new DecodeError('invalid_header', `message-index count ${count} is out of range`);
  if (count === 0) return { schemaId, indexes: [0], payload: buf.subarray(afterCount) };
  const indexes: number[] = [];
  let pos = afterCount;
  for (let i = 0; i < count; i++) {
    const [raw, next] = readVarint(buf, pos);
    indexes.push(unzigzag(raw));
    pos = next;
  }
  return { schemaId, indexes, payload: buf.subarray(pos) };
}
