/**
 * Configuration from environment variables, validated in one place. Every problem is reported with
 * the variable's name and what it should look like.
 */

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type ReadAccess = 'open' | 'key';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database: string | undefined;
}

export interface AppConfig {
  /** Set when NEO4J_URI is given; null means the embedded default (local Neo4j). */
  neo4j: Neo4jTarget | null;
  host: string;
  port: number;
  /** null: mutations are open (only when DIPLOGRAPH_API_KEY=none is set on purpose). */
  apiKey: string | null | undefined;
  /** More keys, each with the name recorded as Correction.by when it is used (DIPLOGRAPH_API_KEYS). */
  namedKeys: { name: string; key: string }[];
  readAccess: ReadAccess;
  seedDir: string | null;
  maxDepth: number;
  maxCost: number;
  /** Origins (scheme://host[:port]) whose pages may call the API from a browser; empty: none. */
  corsOrigins: string[];
  /**
   * On SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut
   * (DIPLOGRAPH_DRAIN_MS, default 10000; 0 cuts at once). Absent: the default.
   */
  drainMs?: number;
}

/** How long a stopping server lets requests in flight finish (a mutation's write takes a few seconds at most). */
export const DEFAULT_DRAIN_MS = 10_000;

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return fallback;
  }
  return n;
}

/** DIPLOGRAPH_API_KEYS: comma-separated NAME:KEY pairs, e.g. alice:…,ingest-bot:… */
function namedKeys(env: Env, problems: string[]): { name: string; key: string }[] {
  const raw = env.DIPLOGRAPH_API_KEYS;
  if (raw === undefined || raw.trim() === '') return [];
  const out: { name: string; key: string }[] = [];
  for (const item of raw
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    const m = /^([A-Z0-9][\w.@-]{0,63}):(\S{16,})$/i.exec(item);
    if (!m)
      problems.push(
        'DIPLOGRAPH_API_KEYS must be comma-separated NAME:KEY pairs (a name of letters, digits, ._@- up to 64 characters; a key of at least 16 characters)',
      );
    else if (out.some((k) => k.name === m[1])) problems.push(`DIPLOGRAPH_API_KEYS names ${JSON.stringify(m[1])} twice`);
    else out.push({ name: m[1]!, key: m[2]! });
  }
  return out;
}

/** DIPLOGRAPH_CORS_ORIGINS: comma-separated origins such as https://analysis.example.org; no wildcard. */
function origins(env: Env, problems: string[]): string[] {
  const raw = env.DIPLOGRAPH_CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') return [];
  const out: string[] = [];
  for (const item of raw
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    let origin: string | null = null;
    try {
      const url = new URL(item);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === item.replace(/\/$/, ''))
        origin = url.origin;
    } catch {
      origin = null;
    }
    if (origin === null)
      problems.push(
        `DIPLOGRAPH_CORS_ORIGINS must list origins like https://analysis.example.org (scheme, host, optional port; no path, no "*"), got ${JSON.stringify(item)}`,
      );
    else out.push(origin);
  }
  return [...new Set(out)];
}

/**
 * DIPLOGRAPH_EXTRACTION_TIMEOUT: the seconds one article's extraction may take in an extraction thread (1 to
 * 86,400; default 60); throws a ConfigError naming the variable. Read by the extraction pool, and checked by
 * loadConfig so that a server does not start with a bad value.
 */
export function extractionTimeoutS(env: Env = process.env): number {
  const problems: string[] = [];
  const seconds = int(env, 'DIPLOGRAPH_EXTRACTION_TIMEOUT', 60, 1, 86_400, problems);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return seconds;
}

/** Reads the configuration; throws one ConfigError listing every invalid variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  let neo4jTarget: Neo4jTarget | null = null;
  const uri = env.NEO4J_URI;
  if (uri !== undefined && uri !== '') {
    if (!/^(?:neo4j|bolt)(?:\+s|\+ssc)?:\/\/[^\s/]+/.test(uri)) {
      problems.push(
        `NEO4J_URI must look like bolt://host:7687 or neo4j+s://xxxx.databases.neo4j.io, got ${JSON.stringify(uri)}`,
      );
    }
    const password = env.NEO4J_PASSWORD;
    if (password === undefined || password === '') problems.push('NEO4J_PASSWORD must be set when NEO4J_URI is set');
    neo4jTarget = {
      uri,
      user: env.NEO4J_USER || 'neo4j',
      password: password ?? '',
      database: env.NEO4J_DATABASE || undefined,
    };
  } else if (env.NEO4J_PASSWORD || env.NEO4J_USER) {
    problems.push(
      'NEO4J_USER/NEO4J_PASSWORD are set but NEO4J_URI is not: set NEO4J_URI too, or unset them to use the embedded local Neo4j',
    );
  }
  const readAccess = (env.DIPLOGRAPH_READ_ACCESS || 'open') as ReadAccess;
  if (readAccess !== 'open' && readAccess !== 'key')
    problems.push(`DIPLOGRAPH_READ_ACCESS must be "open" or "key", got ${JSON.stringify(env.DIPLOGRAPH_READ_ACCESS)}`);
  let apiKey: string | null | undefined = env.DIPLOGRAPH_API_KEY;
  if (apiKey === 'none') apiKey = null;
  else if (apiKey !== undefined && apiKey.length < 16)
    problems.push('DIPLOGRAPH_API_KEY must be at least 16 characters (or "none" to leave mutations open)');
  int(env, 'DIPLOGRAPH_EXTRACTION_TIMEOUT', 60, 1, 86_400, problems);
  const config: AppConfig = {
    neo4j: neo4jTarget,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 4000, 0, 65535, problems),
    apiKey,
    namedKeys: namedKeys(env, problems),
    readAccess,
    seedDir: env.DIPLOGRAPH_SEED === 'none' ? null : env.DIPLOGRAPH_SEED || 'seed',
    maxDepth: int(env, 'DIPLOGRAPH_MAX_QUERY_DEPTH', 10, 2, 50, problems),
    maxCost: int(env, 'DIPLOGRAPH_MAX_QUERY_COST', 5000, 100, 1_000_000, problems),
    corsOrigins: origins(env, problems),
    drainMs: int(env, 'DIPLOGRAPH_DRAIN_MS', DEFAULT_DRAIN_MS, 0, 600_000, problems),
  };
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
