/** `diplograph extract` as a user runs it: the package's bin, a real file, JSON Lines with bad lines. */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const bin = join(repo, 'bin/diplograph.js');

// No engine in unit tests: CORENLP_URL=none, the user's explicit choice to extract without a parse.
function runCli(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, 'extract', ...args], {
    cwd: repo,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CORENLP_URL: 'none' },
  });
}

// Each test starts node processes: sized for a loaded two-core CI machine, not vitest's 5 s default.
describe('diplograph extract', { timeout: 120_000 }, () => {
  it('prints one ExtractionResult for a text file with its sidecar metadata', () => {
    const r = runCli(['seed/dawn-2021-07-21-china-hack-claims.txt']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      id: string;
      article: { outlet: string; publishedAt: string; dateline: string };
      events: { relation: string; source: string; target: string }[];
    };
    expect(doc.id).toBe('dawn-2021-07-21-china-hack-claims');
    expect(doc.article).toMatchObject({ outlet: 'Dawn', publishedAt: '2021-07-21', dateline: 'BEIJING' });
    expect(doc.events).toContainEqual(
      expect.objectContaining({ relation: 'ACCUSES', source: 'country:USA', target: 'country:CHN' }),
    );
    // Without an engine, said once.
    expect(r.stderr.match(/NO_PARSE/g)).toHaveLength(1);
  });

  it('answers every JSON line with a result or a coded error, goes on after bad lines, and exits 1', () => {
    const lines = [
      JSON.stringify({ id: 'ok', text: 'Britain condemned China on Monday.', publishedAt: '2021-07-21' }),
      '{not json',
      JSON.stringify({ id: 'no-content' }),
      JSON.stringify({ id: 'empty', text: '   ' }),
      JSON.stringify({ id: 'bad-field', text: 7 }),
    ].join('\n');
    const r = runCli(['--jsonl'], `${lines}\n`);
    expect(r.status).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | null; events?: unknown[]; error?: { code: string } });
    expect(out.map((o) => o.id)).toEqual(['ok', null, 'no-content', 'empty', 'bad-field']);
    expect(out[0]!.events).toContainEqual(
      expect.objectContaining({
        relation: 'CONDEMNS',
        source: 'country:GBR',
        target: 'country:CHN',
        date: '2021-07-19',
      }),
    );
    expect(out.slice(1).map((o) => o.error?.code)).toEqual([
      'MALFORMED_JSON',
      'MISSING_CONTENT',
      'EMPTY_INPUT',
      'INVALID_FIELD',
    ]);
    expect(r.stderr).toMatch(/4 of 5 item\(s\) failed/);
  });

  it('refuses empty, binary and oversized files with a message naming the file and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-extract-'));
    const cases: [string, Buffer | string, string][] = [
      ['empty.txt', '', 'EMPTY_INPUT'],
      ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0xff]), 'BINARY_INPUT'],
      ['huge.txt', 'word '.repeat(11_000_000), 'TOO_LARGE'],
    ];
    for (const [name, content, code] of cases) {
      writeFileSync(join(dir, name), content);
      const r = runCli([join(dir, name)]);
      expect(r.status, name).toBe(1);
      expect(r.stderr).toContain(`${join(dir, name)}: ${code}`);
      expect(r.stdout).toBe('');
      // Nothing to extract, so no engine was opened (and no warning about it).
      expect(r.stderr).not.toContain('NO_PARSE');
    }
    // Three CLI processes one after another: on a busy 2-core machine that is more than vitest's 5 s default.
  }, 60_000);
});
