/** What every resolver gets: the executor, per-request loaders, the caller and the configuration. */
import type { Driver } from 'neo4j-driver';
import type { AppConfig } from '../config.ts';
import type { ArticleParser } from '../ingest/article-parser.ts';
import type { Caller } from './auth.ts';
import type { Executor } from './executor.ts';
import type { Loaders } from './loaders.ts';

export interface ApiContext {
  exec: Executor;
  loaders: Loaders;
  caller: Caller;
  config: AppConfig;
  /** For the store's ingest API, which opens its own write transactions. */
  driver: Driver;
  database: string | undefined;
  /** Parses the articles ingestArticle stores (the process's engine, or none with CORENLP_URL=none). */
  parser: ArticleParser;
  log: (msg: string) => void;
}
