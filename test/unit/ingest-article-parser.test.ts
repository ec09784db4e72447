/** ArticleParser: what ingest asks the engine for, what it keeps, and how an engine failure reaches the article. */
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ArticleParser, NO_PARSE_WARNING, taskEach } from '../../src/ingest/article-parser.ts';
import { lookupIn } from '../../src/ingest/extract-task.ts';
import type { Annotator } from '../../src/ingest/parses.ts';
import { NlpError } from '../../src/nlp/errors.ts';
import type { NlpDocument } from '../../src/nlp/types.ts';

/** An engine that answers every line with a one-token sentence, and remembers what it was sent. */
function fakeEngine(fail: NlpError | null = null) {
  const asked: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const engine: Annotator = {
    async annotate(text: string): Promise<NlpDocument> {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      inFlight -= 1;
      if (fail) throw fail;
      asked.push(...text.split('\n'));
      let at = 0;
      const sentences = text.split('\n').map((line, index) => {
        const start = at;
        at += line.length + 1;
        const token = {
          index: 1,
          word: line,
          originalText: line,
          lemma: line,
          pos: 'NN',
          ner: 'O',
          start,
          end: start + line.length,
        };
        return {
          index,
          start,
          end: start + line.length,
          tokens: [token],
          edges: [{ dep: 'root', governor: 0, dependent: 1 }],
          entities: [],
        };
      });
      return { text, sentences };
    },
  };
  return { engine, asked, maxInFlight: () => maxInFlight };
}

const ACT = 'Britain condemned China on Tuesday.';
const QUIET = 'The weather was mild.';
const article = (id: string, text: string) => ({ id, text, publishedAt: '2024-05-01' });

describe('ArticleParser', () => {
  it('asks the engine for the candidate sentences only, once each while the store keeps them', async () => {
    const fake = fakeEngine();
    const parser = new ArticleParser(fake.engine);
    const first = await parser.task(article('a', `${ACT} ${QUIET}`));
    expect(Object.keys(first.parses)).toEqual([ACT]);
    expect(fake.asked).toEqual([ACT]);
    expect(first.input.id).toBe('a');
    await parser.task(article('b', `${ACT}\n\nJapan criticised Russia.`));
    expect(fake.asked).toEqual([ACT, 'Japan criticised Russia.']);
    expect(parser.stats).toMatchObject({ articles: 2, candidates: 3, parsed: 2 });
    expect(parser.warning).toBeNull();
  });

  it('starts its store afresh past maxStored', async () => {
    const fake = fakeEngine();
    const parser = new ArticleParser(fake.engine, { maxStored: 0 });
    await parser.task(article('a', ACT));
    const again = await parser.task(article('b', ACT));
    expect(fake.asked).toEqual([ACT, ACT]);
    expect(Object.keys(again.parses)).toEqual([ACT]);
  });

  it('fails the article with the engine error; with failFast, later articles fail without asking', async () => {
    const down = new NlpError('NLP_UNAVAILABLE', 'CoreNLP at http://127.0.0.1:1 cannot be reached (ECONNREFUSED)');
    const fake = fakeEngine(down);
    let calls = 0;
    const counting: Annotator = { annotate: (t) => ((calls += 1), fake.engine.annotate(t)) };
    const batch = new ArticleParser(counting, { failFast: true });
    await expect(batch.task(article('a', ACT))).rejects.toMatchObject({ code: 'NLP_UNAVAILABLE' });
    await expect(batch.task(article('b', 'Japan criticised Russia.'))).rejects.toMatchObject({
      code: 'NLP_UNAVAILABLE',
      message: expect.stringContaining('not asked again'),
    });
    expect(calls).toBe(1);
    // A server asks again every time.
    const server = new ArticleParser(counting);
    await expect(server.task(article('a', ACT))).rejects.toBeInstanceOf(NlpError);
    await expect(server.task(article('b', ACT))).rejects.toBeInstanceOf(NlpError);
    expect(calls).toBe(3);
  });

  it('gives a bad input its InputError before asking the engine', async () => {
    const fake = fakeEngine();
    await expect(new ArticleParser(fake.engine).task({ id: 'empty', text: '   ' })).rejects.toMatchObject({
      code: 'EMPTY_INPUT',
    });
    expect(fake.asked).toEqual([]);
  });

  it('without an engine gives no parse and says so', async () => {
    const parser = new ArticleParser(null);
    expect((await parser.task(article('a', ACT))).parses).toEqual({});
    expect(parser.warning).toBe(NO_PARSE_WARNING);
  });

  it('keeps the engine to `concurrency` articles at once, and gives each input its task or error in order', async () => {
    const fake = fakeEngine();
    const parser = new ArticleParser(fake.engine, { concurrency: 2, maxStored: 0 });
    const inputs = Array.from({ length: 9 }, (_, k) =>
      k === 4 ? { id: 'bad', text: '' } : article(`x${k}`, `Country number ${k}, Britain, condemned China.`),
    );
    const out = await taskEach(inputs, parser, 6);
    expect(out.map((o) => ('task' in o ? o.task.input.id : (o.error as { code: string }).code))).toEqual([
      'x0',
      'x1',
      'x2',
      'x3',
      'EMPTY_INPUT',
      'x5',
      'x6',
      'x7',
      'x8',
    ]);
    expect(fake.maxInFlight()).toBe(2);
    // Counted right with articles in flight at once.
    expect(parser.stats).toMatchObject({ articles: 8, candidates: 8, parsed: 8 });
  });
});

describe('lookupIn', () => {
  it('reads own keys only', () => {
    const look = lookupIn({ [ACT]: [] });
    expect(look(ACT)).toEqual([]);
    expect(look('constructor')).toBeUndefined();
    expect(look('__proto__')).toBeUndefined();
  });
});
