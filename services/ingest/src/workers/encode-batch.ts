// Worker thread entry of the batch encoder pool (`adapters/worker/batch-encoder.ts`): each message
// is one batch to parse, validate and encode; the answer transfers the encoded values' buffer.
// Bundled on its own as dist/workers/encode-batch.js (scripts/build-service.ts).
import { parentPort } from 'node:worker_threads';
import { encodeIngestBody, type EncodedBody, type EncodeRequest } from '../adapters/http/ingest-body';

const port = parentPort;
if (!port) throw new Error('encode-batch runs as a worker thread');

port.on('message', ({ id, request }: { id: number; request: EncodeRequest }) => {
  let result: EncodedBody;
  try {
    result = encodeIngestBody(request);
  } catch (err) {
    result = { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage({ id, result }, result.kind === 'encoded' ? [result.values.buffer as ArrayBuffer] : []);
});
