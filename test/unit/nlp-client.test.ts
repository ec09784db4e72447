// The engine client's pure parts: CORENLP_URL parsing, splitting long texts, the fixed properties that the
// local server and the Docker image are started with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_PROPERTIES, CoreNlpClient, parseServers, splitText } from '../../src/nlp/client.ts';
import { NlpError } from '../../src/nlp/errors.ts';
import { NON_LOOPBACK_IPV4 } from '../../src/nlp/local-corenlp.ts';

describe('parseServers', () => {
  it('reads several comma-separated servers, credentials out of the URL', () => {
    expect(parseServers(' http://a:9000 , http://u%40x:p%3Aw@b:9001/nlp/ ')).toEqual([
      { url: 'http://a:9000' },
      { url: 'http://b:9001/nlp', user: 'u@x', password: 'p:w' },
    ]);
  });

  it('rejects what is not an http URL with a coded error', () => {
    expect(() => parseServers('corenlp:9000')).toThrow(NlpError);
    expect(() => parseServers('ftp://a:9000')).toThrow(/not an http/);
    expect(() => new CoreNlpClient({ servers: [] })).toThrow(/no CoreNLP server/);
  });
});

describe('splitText', () => {
  it('cuts at line ends under the limit, and the pieces put back together are the text', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says that Britain condemned China again.`).join(
      '\n',
    );
    const pieces = splitText(text, 300);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.text.length).toBeLessThanOrEqual(300);
      expect(text.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
      expect(p.text.endsWith('\n') || p.offset + p.text.length === text.length).toBe(true);
    }
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('falls back to a space, then to a hard cut, for a paragraph longer than the limit', () => {
    const words = 'word '.repeat(200);
    const pieces = splitText(words, 100);
    expect(pieces.map((p) => p.text).join('')).toBe(words);
    expect(pieces.every((p) => p.text.length <= 100 && p.text.endsWith(' '))).toBe(true);
    const blob = 'x'.repeat(250);
    expect(splitText(blob, 100).map((p) => p.text.length)).toEqual([100, 100, 50]);
  });
});

describe('engine properties', () => {
  it('the Docker image starts CoreNLP with the properties the client sends', () => {
    const file = readFileSync(join(import.meta.dirname, '../../docker/corenlp/server.properties'), 'utf8');
    const props = Object.fromEntries(
      file
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('=') as [string, string]),
    );
    expect(props).toEqual(ANNOTATION_PROPERTIES);
  });

  it('the block list covers every IPv4 address but 127.0.0.0/8, once', () => {
    const size = (cidr: string): number => 2 ** (32 - Number(cidr.split('/')[1]));
    expect(NON_LOOPBACK_IPV4.reduce((a, c) => a + size(c), 0)).toBe(2 ** 32 - 2 ** 24);
    const start = (cidr: string): number =>
      cidr
        .split('/')[0]!
        .split('.')
        .reduce((a, o) => a * 256 + Number(o), 0);
    const ranges = NON_LOOPBACK_IPV4.map((c) => [start(c), start(c) + size(c)] as const).sort((a, b) => a[0] - b[0]);
    const loopback = start('127.0.0.0');
    for (const [lo, hi] of ranges) expect(loopback >= lo && loopback < hi).toBe(false);
  });
});
