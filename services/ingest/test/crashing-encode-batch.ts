// The batch encoder worker, except that a body containing "crash" ends the thread before it
// answers (tests of the pool's recovery, batch-encoder.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', ({ request }: { request: { body?: Uint8Array } }) => {
  if (request.body && Buffer.from(request.body).includes('crash')) process.exit(70);
});
// After the listener above, so it sees each message first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../src/workers/encode-batch');
