/** The embedded default's checks that need no server: Java present, cached jars intact. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkJava,
  defaultLocalOptions,
  distDir,
  ensureDistribution,
  LocalNeo4jError,
  NEO4J_VERSION,
  startLocalNeo4j,
} from '../../src/store/local-neo4j.ts';

const javaHome = process.env.JAVA_HOME;
afterEach(() => {
  if (javaHome === undefined) delete process.env.JAVA_HOME;
  else process.env.JAVA_HOME = javaHome;
  delete process.env.DIPLOGRAPH_NEO4J_JIT_NICE;
});

describe('the local Neo4j', () => {
  it('refuses a bad DIPLOGRAPH_NEO4J_JIT_NICE, naming it, before it starts anything', async () => {
    process.env.DIPLOGRAPH_NEO4J_JIT_NICE = 'low';
    const home = mkdtempSync(join(tmpdir(), 'dg-home-'));
    await expect(startLocalNeo4j(defaultLocalOptions({ home }))).rejects.toThrow(
      /DIPLOGRAPH_NEO4J_JIT_NICE must be a whole number 0-19, got "low"/,
    );
    expect(existsSync(join(home, 'run'))).toBe(false);
  });

  it('without Java, says so and names the two alternatives', () => {
    process.env.JAVA_HOME = '/nonexistent-jdk';
    let error: unknown;
    try {
      checkJava();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as LocalNeo4jError).code).toBe('JAVA_MISSING');
    expect((error as Error).message).toMatch(/NEO4J_URI/);
    expect((error as Error).message).toMatch(/docker compose up/);
  });

  it('refuses a cached jar whose SHA-256 no longer matches the manifest', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'dg-cache-'));
    const opts = defaultLocalOptions({ cacheDir });
    const lib = join(distDir(opts), 'lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'neo4j-server.jar'), 'tampered');
    writeFileSync(
      join(lib, '..', 'manifest.json'),
      JSON.stringify({ version: NEO4J_VERSION, jars: { 'neo4j-server.jar': '0'.repeat(64) } }),
    );
    expect(() => ensureDistribution(opts)).toThrow(expect.objectContaining({ code: 'CHECKSUM_MISMATCH' }));
  });

  it('refuses a cache with a jar missing', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'dg-cache-'));
    const lib = join(distDir({ cacheDir }), 'lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(
      join(lib, '..', 'manifest.json'),
      JSON.stringify({ version: NEO4J_VERSION, jars: { 'neo4j-kernel.jar': '0'.repeat(64) } }),
    );
    expect(() => ensureDistribution(defaultLocalOptions({ cacheDir }))).toThrow(/neo4j-kernel.jar is missing/);
  });
});
