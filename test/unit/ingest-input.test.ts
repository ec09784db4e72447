import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/extract.ts';
import { InputError } from '../../src/ingest/errors.ts';
import { extract } from '../../src/ingest/extract.ts';

describe('input formats', () => {
  it('parses a header block', () => {
    const r = extract({
      text: 'URL: https://example.org/a/story.html\nOUTLET: Example News\nPUBLISHED: 2021-07-21\nTITLE: A title\n---\nWASHINGTON (Reuters) - The United States on Tuesday condemned Russia over the attack.',
    });
    expect(r.article.url).toBe('https://example.org/a/story.html');
    expect(r.article.outlet).toBe('Example News');
    expect(r.article.title).toBe('A title');
    expect(r.article.dateline).toBe('WASHINGTON');
    expect(r.id).toMatch(/^url-/);
    expect(
      r.events.some(
        (e) =>
          e.relation === 'CONDEMNS' &&
          e.source === 'country:USA' &&
          e.target === 'country:RUS' &&
          e.date === '2021-07-20',
      ),
    ).toBe(true);
  });

  it('reads HTML with readability and meta tags', () => {
    const html = `<!doctype html><html><head><title>x</title><meta property="og:title" content="Britain sanctions Iran"><meta property="og:site_name" content="Gov"><meta property="article:published_time" content="2023-07-06T10:00:00Z"></head>
      <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Britain sanctions Iran</h1>
      <p>LONDON: Britain on Thursday imposed sanctions on Iran over its treatment of protesters, the Foreign Office said in a statement on its website today.</p>
      <p>Foreign Secretary James Cleverly condemned Iran for the executions and said the regime must be held to account for what it has done to its own people.</p></article>
      <footer>Copyright Gov</footer></body></html>`;
    const r = extract({ html });
    expect(r.article.title).toBe('Britain sanctions Iran');
    expect(r.article.publishedAt).toBe('2023-07-06');
    expect(r.article.text).not.toContain('Home');
    expect(
      r.events.some((e) => e.relation === 'SANCTIONS' && e.source === 'country:GBR' && e.target === 'country:IRN'),
    ).toBe(true);
  });

  it('throws typed errors for bad input', () => {
    const code = (f: () => unknown): string | null => {
      try {
        f();
        return null;
      } catch (e) {
        return e instanceof InputError ? e.code : 'OTHER';
      }
    };
    expect(code(() => extract({ text: '   ' }))).toBe('EMPTY_INPUT');
    expect(code(() => extract({ text: 'a\u0000b' }))).toBe('BINARY_INPUT');
    expect(code(() => extract({ text: 'a'.repeat(6 * 1024 * 1024) }))).toBe('TOO_LARGE');
    expect(code(() => extract({}))).toBe('MISSING_CONTENT');
  });

  it('handles a JSON Lines batch with per-line errors and a non-zero exit', async () => {
    const { Readable } = await import('node:stream');
    const input = '{"id":"ok","text":"Japan on Monday condemned North Korea."}\nnot json\n{"id":"none"}\n';
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
    Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(input)]), configurable: true });
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => {
      out.push(s);
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    // No engine in unit tests: extraction without a parse, the user's explicit choice.
    const corenlpUrl = process.env.CORENLP_URL;
    process.env.CORENLP_URL = 'none';
    try {
      expect(await run(['--jsonl'])).toBe(1);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
      if (stdin) Object.defineProperty(process, 'stdin', stdin);
      if (corenlpUrl === undefined) delete process.env.CORENLP_URL;
      else process.env.CORENLP_URL = corenlpUrl;
    }
    const lines = out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | null; error?: { code: string }; events?: unknown[] });
    expect(lines).toHaveLength(3);
    expect(lines[0]?.id).toBe('ok');
    expect(lines[0]?.events?.length).toBeGreaterThan(0);
    expect(lines[1]?.error?.code).toBe('MALFORMED_JSON');
    expect(lines[2]).toMatchObject({ id: 'none', error: { code: 'MISSING_CONTENT' } });
  });

  it('is deterministic', () => {
    const text = 'BEIJING: China on Tuesday accused the United States of hacking, and Britain condemned China.';
    expect(JSON.stringify(extract({ text }))).toBe(JSON.stringify(extract({ text })));
  });
});
