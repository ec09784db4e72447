/** Helpers for integration tests: the run's CoreNLP as a parser for ingest, and as a CORENLP_URL for child processes. */
import { inject } from 'vitest';
import { loadEvalParses } from '../../src/eval/parses.ts';
import { ArticleParser, type ArticleParserOptions } from '../../src/ingest/article-parser.ts';
import type { Annotator } from '../../src/ingest/parses.ts';
import { CoreNlpClient } from '../../src/nlp/client.ts';
import { NlpError } from '../../src/nlp/errors.ts';

/** The run's CoreNLP server as CORENLP_URL spells it (credentials in the URL). */
export function testCoreNlpUrl(): string {
  const { url, user, password } = inject('corenlp');
  if (user === undefined) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password ?? '');
  return u.href.replace(/\/$/, '');
}

/** An ArticleParser over the run's CoreNLP, as a service or `diplograph ingest` makes one. */
export function testParser(options: ArticleParserOptions = {}): ArticleParser {
  const { url, user, password } = inject('corenlp');
  return new ArticleParser(
    new CoreNlpClient({ servers: [{ url, ...(user !== undefined ? { user, password: password ?? '' } : {}) }] }),
    options,
  );
}

/**
 * An ArticleParser that reads the recorded parses of the gold texts (test/gold/parses, CoreNLP's own output)
 * and asks no server: for fixtures that ingest gold articles, also where no CoreNLP runs (the e2e project).
 * A sentence that was not recorded fails its article with NLP_UNAVAILABLE.
 */
export function recordedParser(): ArticleParser {
  const unrecorded: Annotator = {
    annotate: async () => {
      throw new NlpError('NLP_UNAVAILABLE', 'a sentence without a recorded parse: run `npm run parses:record`');
    },
  };
  return new ArticleParser(unrecorded, { store: loadEvalParses(false), maxStored: Number.POSITIVE_INFINITY });
}
