import { Worker } from 'node:worker_threads';
import { sourceDomains, sourceTopic, type Serde } from '@scorecard/contracts';
import type { Logger } from '@scorecard/telemetry';
import { encodeIngestBody, type EncodedBody, type EncodeRequest } from '../http/ingest-body';

/** Parses, validates and encodes an ingest batch (`encodeIngestBody`), here or in a worker thread. */
export interface BatchEncoder {
  encode(request: Omit<EncodeRequest, 'schemaIds'>): Promise<EncodedBody>;
  close(): Promise<void>;
}

/** The registry ids of the source topics (cached by the serde; a failed lookup is asked again). */
export function sourceSchemaIds(serde: Pick<Serde, 'schemaId'>): () => Promise<Record<string, number>> {
  const topics = sourceDomains.map(sourceTopic);
  return async () => {
    const ids = await Promise.all(topics.map((t) => serde.schemaId(t)));
    return Object.fromEntries(topics.map((t, i) => [t, ids[i] ?? 0]));
  };
}

/** On one core there is nothing to offload to: the same work on the calling thread. */
export function inThreadBatchEncoder(schemaIds: () => Promise<Record<string, number>>): BatchEncoder {
  return {
    encode: async (request) => encodeIngestBody({ ...request, schemaIds: await schemaIds() }),
    close: () => Promise.resolve(),
  };
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: EncodedBody) => void; reject: (err: Error) => void }>;
}

/**
 * A fixed pool of `size` worker threads running `file` (workers/encode-batch: `.ts` under tsx,
 * `.js` in the bundle); each batch goes to the least busy one. A worker that dies fails its
 * batches (→ 500) and is replaced, so the service keeps serving.
 */
export function workerBatchEncoder(opts: {
  file: string;
  size: number;
  schemaIds: () => Promise<Record<string, number>>;
  logger: Logger;
}): BatchEncoder {
  let nextId = 0;
  let closing = false;
  // A .ts worker (under tsx, and in tests) loads through tsx's require hook: on Node 20 a worker
  // does not get the ESM loader hooks of an inherited `--import tsx`.
  const spawn = () =>
    opts.file.endsWith('.ts')
      ? new Worker(`require('tsx/cjs');\nrequire(${JSON.stringify(opts.file)});`, { eval: true })
      : new Worker(opts.file);

  const start = (slot: Slot): void => {
    const worker = spawn();
    slot.worker = worker;
    let failure: Error | undefined;
    worker.on('message', ({ id, result }: { id: number; result: EncodedBody }) => {
      slot.pending.get(id)?.resolve(result);
      slot.pending.delete(id);
    });
    worker.on('error', (err) => (failure = err));
    worker.on('exit', (code) => {
      const err = new Error(`the batch encoder worker stopped (exit code ${code})`, { cause: failure });
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (closing) return;
      opts.logger.error({ err: failure, code }, 'batch encoder worker stopped; starting another');
      start(slot);
    });
  };
  const slots: Slot[] = Array.from({ length: Math.max(1, opts.size) }, () => {
    const slot = { pending: new Map() } as unknown as Slot;
    start(slot);
    return slot;
  });

  return {
    async encode(request) {
      const full: EncodeRequest = { ...request, schemaIds: await opts.schemaIds() };
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<EncodedBody>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, request: full });
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
