import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded Neo4j, loopback, port 4000, open reads', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      neo4j: null,
      host: '127.0.0.1',
      port: 4000,
      readAccess: 'open',
      seedDir: 'seed',
      apiKey: undefined,
    });
  });

  it('takes a server from NEO4J_URI with its credentials', () => {
    const c = loadConfig({
      NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io',
      NEO4J_USER: 'analyst',
      NEO4J_PASSWORD: 'pw',
      NEO4J_DATABASE: 'events',
    });
    expect(c.neo4j).toEqual({
      uri: 'neo4j+s://abcd.databases.neo4j.io',
      user: 'analyst',
      password: 'pw',
      database: 'events',
    });
  });

  it('names every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        NEO4J_URI: 'http://localhost:7474',
        PORT: 'eighty',
        DIPLOGRAPH_READ_ACCESS: 'maybe',
        DIPLOGRAPH_API_KEY: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['NEO4J_URI', 'NEO4J_PASSWORD', 'PORT', 'DIPLOGRAPH_READ_ACCESS', 'DIPLOGRAPH_API_KEY'])
      expect(message).toContain(name);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
  });

  it('refuses credentials without a server, and "none" opens mutations on purpose', () => {
    expect(() => loadConfig({ NEO4J_PASSWORD: 'x' })).toThrow(/NEO4J_URI is not/);
    expect(loadConfig({ DIPLOGRAPH_API_KEY: 'none' }).apiKey).toBeNull();
    expect(loadConfig({ DIPLOGRAPH_SEED: 'none' }).seedDir).toBeNull();
  });

  it('reads named keys from DIPLOGRAPH_API_KEYS and refuses short keys or repeated names', () => {
    expect(
      loadConfig({ DIPLOGRAPH_API_KEYS: 'alice:alice-key-0123456789, bot.ingest:bot-key-0123456789ab' }).namedKeys,
    ).toEqual([
      { name: 'alice', key: 'alice-key-0123456789' },
      { name: 'bot.ingest', key: 'bot-key-0123456789ab' },
    ]);
    expect(loadConfig({}).namedKeys).toEqual([]);
    expect(() => loadConfig({ DIPLOGRAPH_API_KEYS: 'alice:short' })).toThrow(/DIPLOGRAPH_API_KEYS/);
    expect(() => loadConfig({ DIPLOGRAPH_API_KEYS: 'alice:alice-key-0123456789,alice:alice-key-9876543210' })).toThrow(
      /twice/,
    );
  });
});
