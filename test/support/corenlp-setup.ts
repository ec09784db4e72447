/**
 * Integration tests run against a real CoreNLP server, chosen in this order:
 * 1. CORENLP_URL: those servers (the first one is what tests use).
 * 2. Otherwise the project's own local CoreNLP, in a test home of its own (.diplograph/test-corenlp, on port
 *    19000 or DIPLOGRAPH_TEST_CORENLP_PORT), so a developer's server is never touched; stopped at the end.
 */
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseServers } from '../../src/nlp/client.ts';
import type { NlpServer } from '../../src/nlp/client.ts';
import {
  defaultCoreNlpOptions,
  startCoreNlpProcess,
  stopCoreNlpPid,
  stopLocalCoreNlp,
} from '../../src/nlp/local-corenlp.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    corenlp: NlpServer & { how: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.CORENLP_URL;
  if (given && given !== 'none') {
    const [first] = parseServers(given);
    if (!first) throw new Error('CORENLP_URL names no server');
    project.provide('corenlp', { ...first, how: `CORENLP_URL ${first.url}` });
    return async () => {};
  }
  const opts = defaultCoreNlpOptions({
    home: resolve(process.env.DIPLOGRAPH_TEST_CORENLP_HOME ?? join('.diplograph', 'test-corenlp')),
    port: Number(process.env.DIPLOGRAPH_TEST_CORENLP_PORT ?? 19000),
    heap: process.env.DIPLOGRAPH_CORENLP_HEAP ?? '2g',
    log: (line) => console.log(`[corenlp] ${line}`),
  });
  await stopLocalCoreNlp(opts); // a server left by a killed run
  const p = await startCoreNlpProcess(opts);
  console.log(`[corenlp] integration tests use the local CoreNLP on ${p.server.url}`);
  project.provide('corenlp', { ...p.server, how: `local CoreNLP in ${opts.home}` });
  return () => stopCoreNlpPid(opts.home, p.pid);
}
