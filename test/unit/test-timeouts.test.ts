import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';

// Issue 15: a test that spawns the CLI or starts a server timed out at vitest's 5 s default on a loaded
// machine. Every project gets a default sized for a busy CI runner, and no test asks for less.
const LOADED_MACHINE_MS = 60_000;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? testFiles(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

describe('test timeouts', () => {
  it('every vitest project has a test and hook timeout sized for a loaded machine', () => {
    const projects = (config.test?.projects ?? []) as {
      test: { name: string; testTimeout?: number; hookTimeout?: number };
    }[];
    expect(projects.map((p) => p.test.name)).toEqual(['unit', 'integration', 'e2e']);
    for (const { test } of projects) {
      expect(test.testTimeout, test.name).toBeGreaterThanOrEqual(LOADED_MACHINE_MS);
      expect(test.hookTimeout, test.name).toBeGreaterThanOrEqual(LOADED_MACHINE_MS);
    }
  });

  it('no test or suite in a file that spawns a process or starts a server lowers its timeout below that', () => {
    const spawning = testFiles('test').filter((f) =>
      /\b(?:spawn|spawnSync|execFile|execFileSync|fork|execa)\(|\bstart[A-Z]\w*\(|\.listen\(|new ExtractPool\(/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(spawning).toContain(join('test', 'unit', 'cli-extract.test.ts'));
    const low: string[] = [];
    for (const f of spawning) {
      // `it(…, () => {…}, 30_000)` and `describe(…, { timeout: 30_000 }, …)`; waits inside a test (a page's
      // waitFor) are not test timeouts.
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^\s*\}, ([\d_]+)\);$|(?:it|test|describe)\([^\n]*\{ timeout: ([\d_]+) \}/gm)) {
        const ms = Number((m[1] ?? m[2])!.replaceAll('_', ''));
        if (ms < LOADED_MACHINE_MS) low.push(`${f}: ${m[0].trim()}`);
      }
    }
    expect(low).toEqual([]);
  });
});
