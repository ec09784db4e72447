/**
 * An extraction thread (started by ./pool.ts through ./extract-worker.mjs, which registers tsx's loader first):
 * it answers each request of a message with a message of its own, so the pool sees when every article starts
 * and can end a thread that outruns one article's time budget.
 */
import { parentPort } from 'node:worker_threads';
import { runWork, type WorkRequest } from './work.ts';

const port = parentPort;
if (!port) throw new Error('extract-worker.ts runs in a worker thread started by ExtractPool');
port.on('message', ({ id, requests }: { id: number; requests: WorkRequest[] }) => {
  for (const [index, request] of requests.entries()) port.postMessage({ id, index, reply: runWork(request) });
});
port.postMessage({ ready: true });
