/**
 * The linguistic engine against a real CoreNLP server (test/support/corenlp-setup.ts): the typed document
 * (offsets, newline sentence breaks, the enhanced++ graph), long texts split on paragraphs, load spread
 * over two real servers with a dead one skipped, coded failures, and the local server's lifecycle
 * (SIGTERM leaves no Java process; a supervised server comes back after it dies and after N documents).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { CoreNlpClient } from '../../src/nlp/client.ts';
import { NlpError } from '../../src/nlp/errors.ts';
import {
  coreNlpReady,
  defaultCoreNlpOptions,
  LocalCoreNlp,
  runningCoreNlpPid,
  startCoreNlpProcess,
  stopLocalCoreNlp,
} from '../../src/nlp/local-corenlp.ts';
import type { NlpDocument, NlpSentence } from '../../src/nlp/types.ts';
import { textInputBody } from '../../src/eval/gold.ts';

const server = inject('corenlp');
const article = textInputBody(
  readFileSync(
    join(import.meta.dirname, '../gold/dev/articles/ap-2024-11-26-russia-expels-british-diplomat.txt'),
    'utf8',
  ),
);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The words of a sentence joined, to find one. */
const words = (s: NlpSentence): string => s.tokens.map((t) => t.word).join(' ');

/** The dependents of token `head` by relation, as words. */
function deps(s: NlpSentence, head: string, dep: string): string[] {
  const h = s.tokens.find((t) => t.word === head);
  if (!h) return [];
  return s.edges.filter((e) => e.governor === h.index && e.dep === dep).map((e) => s.tokens[e.dependent - 1]!.word);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof NlpError ? err.code : `other: ${String(err)}`;
  }
}

describe('CoreNLP client on a real server', () => {
  const client = new CoreNlpClient({ servers: [server] });

  it('returns a typed document whose token offsets point into the text sent', async () => {
    const doc = await client.annotate(article);
    expect(doc.sentences.length).toBeGreaterThan(10);
    let tokens = 0;
    for (const s of doc.sentences) {
      for (const t of s.tokens) {
        expect(article.slice(t.start, t.end)).toBe(t.originalText);
        expect(t.lemma).not.toBe('');
        expect(t.pos).not.toBe('');
        tokens += 1;
      }
      expect(s.edges.some((e) => e.dep === 'ROOT')).toBe(true);
    }
    expect(tokens).toBeGreaterThan(200);
    expect(doc.sentences.map((s) => s.index)).toEqual(doc.sentences.map((_, i) => i));
    expect(
      doc.sentences.flatMap((s) => s.entities).some((m) => m.text === 'Edward Pryor Wilkes' && m.ner === 'PERSON'),
    ).toBe(true);
  });

  it('ends a sentence at a newline (headlines and captions have no full stop) and gives enhanced++ relations', async () => {
    const text =
      'Britain condemns Chinese hacking\nChina was condemned by Britain and Australia on Monday.\nThe United States and Japan rejected the claims of North Korea.';
    const doc: NlpDocument = await client.annotate(text);
    expect(doc.sentences.map(words)).toEqual([
      'Britain condemns Chinese hacking',
      'China was condemned by Britain and Australia on Monday .',
      'The United States and Japan rejected the claims of North Korea .',
    ]);
    const [, passive, conj] = doc.sentences as [NlpSentence, NlpSentence, NlpSentence];
    expect(deps(passive, 'condemned', 'nsubj:pass')).toEqual(['China']);
    // enhanced++: the agent's conjuncts are each an obl:agent of the verb
    expect(deps(passive, 'condemned', 'obl:agent').sort()).toEqual(['Australia', 'Britain']);
    expect(deps(conj, 'rejected', 'nsubj').sort()).toEqual(['Japan', 'States']);
    expect(deps(conj, 'claims', 'nmod:of')).toEqual(['Korea']);
  });

  it('splits a long text on paragraph boundaries and maps every offset back onto the whole', async () => {
    const whole = await client.annotate(article);
    const split = await new CoreNlpClient({ servers: [server], maxChars: 400 }).annotate(article);
    const flat = (d: NlpDocument) => d.sentences.flatMap((s) => s.tokens.map((t) => `${t.start}:${t.end}:${t.word}`));
    expect(flat(split)).toEqual(flat(whole));
    expect(split.sentences.map((s) => s.index)).toEqual(split.sentences.map((_, i) => i));
  });

  it('gives an empty document for blank text without asking the server', async () => {
    const c = new CoreNlpClient({ servers: [{ url: 'http://127.0.0.1:9' }] });
    expect((await c.annotate('  \n ')).sentences).toEqual([]);
    expect(c.stats()[0]!.requests).toBe(0);
  });

  it('maps failures to codes: unreachable, refused credentials, timeout', async () => {
    const dead = await freePort();
    expect(
      await codeOf(
        new CoreNlpClient({ servers: [{ url: `http://127.0.0.1:${dead}` }], retries: 1 }).annotate(
          'Britain condemned China.',
        ),
      ),
    ).toBe('NLP_UNAVAILABLE');
    expect(
      await codeOf(
        new CoreNlpClient({ servers: [{ ...server, password: 'wrong' }] }).annotate('Britain condemned China.'),
      ),
    ).toBe(server.user ? 'NLP_BAD_RESPONSE' : 'no error');
    expect(await codeOf(new CoreNlpClient({ servers: [server], timeoutMs: 1, retries: 0 }).annotate(article))).toBe(
      'NLP_TIMEOUT',
    );
  });
});

describe('two real servers', () => {
  const home = mkdtempSync(join(tmpdir(), 'diplograph-corenlp2-'));
  const opts = defaultCoreNlpOptions({ home, port: 0, heap: '2g', log: () => {} });
  afterAll(async () => {
    await stopLocalCoreNlp(opts);
    rmSync(home, { recursive: true, force: true });
  });

  it('spreads the documents over both, and skips a dead one without failing a document', async () => {
    opts.port = await freePort();
    const second = await startCoreNlpProcess(opts);
    const dead = await freePort();
    const client = new CoreNlpClient({
      servers: [server, second.server, { url: `http://127.0.0.1:${dead}` }],
      downForMs: 60_000,
    });
    const paragraphs = article.split('\n').filter((p) => p.trim().split(' ').length > 8);
    const docs: NlpDocument[] = [];
    for (let i = 0; i < 24; i += 1) docs.push(await client.annotate(paragraphs[i % paragraphs.length]!));
    expect(docs.every((d) => d.sentences.length > 0)).toBe(true);
    const [a, b, c] = client.stats() as [
      ReturnType<CoreNlpClient['stats']>[number],
      ReturnType<CoreNlpClient['stats']>[number],
      ReturnType<CoreNlpClient['stats']>[number],
    ];
    expect(a.requests - a.failures).toBeGreaterThanOrEqual(8);
    expect(b.requests - b.failures).toBeGreaterThanOrEqual(8);
    expect(a.requests + b.requests - a.failures - b.failures).toBe(24);
    // The dead one was tried once, marked down, and skipped after that.
    expect(c.failures).toBe(1);
    expect(c.requests).toBe(1);
  }, 300_000);
});

describe('the local server', () => {
  const home = mkdtempSync(join(tmpdir(), 'diplograph-corenlp-life-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('leaves no Java process after SIGTERM, and a supervised server comes back after it dies and after N documents', async () => {
    const port = await freePort();
    const local = new LocalCoreNlp(
      defaultCoreNlpOptions({ home, port, heap: '2g', restartAfterDocs: 3, log: () => {} }),
    );
    const srv = await local.start();
    // The client as openNlp() wires it, with its default retries: requests wait out the restarts.
    const client = new CoreNlpClient({
      servers: [srv],
      onDocument: () => local.noteDocument(),
      beforeRequest: () => local.ready(),
    });
    try {
      // Killed from outside: the supervisor starts it again, and the next request waits for it.
      const first = local.pid!;
      process.kill(first, 'SIGKILL');
      const doc = await client.annotate('Britain condemned China on Monday.');
      expect(doc.sentences).toHaveLength(1);
      expect(local.pid).not.toBe(first);
      expect(local.restarts).toBe(1);
      // Three documents served: restarted (memory growth over long runs is handled by restarts).
      const before = local.pid!;
      for (let i = 0; i < 3; i += 1) await client.annotate(`Japan protested to Russia ${i} times.`);
      await local.ready();
      expect(local.pid).not.toBe(before);
      expect(local.restarts).toBe(2);
      expect(alive(before)).toBe(false);
      expect((await client.annotate('India rejected the claims of Pakistan.')).sentences).toHaveLength(1);
    } finally {
      const pid = local.pid!;
      await local.stop();
      // SIGTERM (what stop sends) ends the JVM: no process, no pid file, nothing answering.
      expect(alive(pid)).toBe(false);
      expect(runningCoreNlpPid(home)).toBeNull();
      expect(await coreNlpReady(`http://127.0.0.1:${port}`)).toBe(false);
    }
  }, 600_000);
});
