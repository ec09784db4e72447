/** `diplograph ingest` as a user runs it: missing paths, skipped files, invalid metadata, warnings and an honest summary. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testCoreNlpUrl } from '../support/corenlp.ts';
import { testTarget, useTestGraph } from '../support/neo4j.ts';

const graph = useTestGraph();
const tmp = mkdtempSync(join(tmpdir(), 'diplograph-cli-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runIngest(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const t = testTarget();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/diplograph.js', 'ingest', '--workers', '0', ...args], {
      env: { ...process.env, NEO4J_URI: t.uri, NEO4J_USER: t.user, NEO4J_PASSWORD: t.password, NEO4J_DATABASE: t.database ?? '', CORENLP_URL: testCoreNlpUrl() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('diplograph ingest', () => {
  it('names each missing path (NOT_FOUND), each skipped file, each invalid article and warning, and counts honestly', async () => {
    const root = join(tmp, 'corpus');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(tmp, 'private.txt'), 'Private: Britain condemned China.\n');
    writeFileSync(join(root, 'good.txt'), 'Britain condemned China on Tuesday.\n');
    writeFileSync(join(root, 'quiet.json'), JSON.stringify({ id: 'quiet', text: 'The weather in London was mild on Tuesday.', publishedAt: '2024-05-01' }));
    writeFileSync(join(root, 'bad-date.json'), JSON.stringify({ id: 'bad-date', text: 'Britain condemned China.', publishedAt: '2024-13-45' }));
    writeFileSync(join(root, 'huge-id.json'), JSON.stringify({ id: 'x'.repeat(8192), text: 'Britain condemned China.' }));
    writeFileSync(join(root, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
    symlinkSync(join(tmp, 'private.txt'), join(root, 'link.txt'));

    const r = await runIngest(['no/such/path', root]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toContain('ENOENT');
    expect(r.stderr).toContain('failed: no/such/path: NOT_FOUND: no/such/path: no such file or folder');
    expect(r.stderr).toContain(`skipped: ${join(root, 'photo.jpg')}: UNSUPPORTED_TYPE`);
    expect(r.stderr).toContain(`skipped: ${join(root, 'link.txt')}: LINK_OUTSIDE`);
    expect(r.stderr).toMatch(new RegExp(`failed: ${join(root, 'bad-date.json')}: INVALID_FIELD: .*"publishedAt" must be a date`));
    expect(r.stderr).toMatch(new RegExp(`failed: ${join(root, 'huge-id.json')}: INVALID_FIELD: .*"id" is 8192 characters`));
    expect(r.stderr).toContain(`warning: ${join(root, 'quiet.json')}: NO_EVENTS`);
    expect(r.stderr).toMatch(/ingested 2 of 5 articles in [\d.]+ s \([\d.]+\/s\): 2 new, 0 duplicate, 0 updated, 3 failed; 2 files skipped;/);

    const { records } = await graph().executeQuery('MATCH (a:Article) RETURN a.id AS id, a.text AS text ORDER BY id', {}, { database: testTarget().database });
    expect(records.map((x) => x.get('id'))).toEqual(['good', 'quiet']);
    expect(records.some((x) => String(x.get('text')).includes('Private'))).toBe(false);
  });
});
