/**
 * The GraphQL endpoint: graphql-yoga at /graphql with GraphiQL (served from the package, see
 * ./graphiql.ts), CORS only for the configured origins, the schema of ./schema.ts, limits
 * from graphql-armor (depth, cost, aliases, tokens) and ./cost.ts (the graph work of network and paths),
 * API-key checks, and masking of unexpected errors.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, GraphQLError } from './graphql.ts';
import { createYoga as createYogaServer, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import type { AppConfig } from '../config.ts';
import type { ArticleParser } from '../ingest/article-parser.ts';
import { authorize, identifyCaller, type Caller } from './auth.ts';
import type { ApiContext } from './context.ts';
import { useGraphWorkLimit } from './cost.ts';
import { corsPolicy } from './cors.ts';
import { ServiceUnavailableError } from './errors.ts';
import { createExecutor, isUnavailableCode, type Executor } from './executor.ts';
import { renderGraphiQL, useLocalGraphiQL } from './graphiql.ts';
import { createLoaders } from './loaders.ts';
import { buildSchema } from './schema.ts';

export interface YogaDeps {
  driver: Driver;
  database?: string;
  config: AppConfig;
  /** Parses the articles ingestArticle stores: the process's engine, or `new ArticleParser(null)` without one. */
  parser: ArticleParser;
  log?: (msg: string) => void;
  /** Replaces the executor built from the driver (tests count queries with it). */
  executor?: Executor;
}

type ServerContext = Record<string, unknown>;
type UserContext = ApiContext;

/** Refuses operations the caller may not run, before anything executes. */
function useAuthorization(config: AppConfig): Plugin<ApiContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const caller = (args.contextValue as { caller?: Caller }).caller;
      try {
        authorize(
          operation?.operation ?? 'query',
          caller ?? { keyPresented: false, headerSent: false, name: 'anonymous' },
          config,
        );
      } catch (error) {
        if (error instanceof GraphQLError) setResultAndStopExecution({ errors: [error] });
        else throw error;
      }
    },
  };
}

/**
 * Mutations first make sure Neo4j answers: a write during an outage would otherwise spend the driver's
 * whole retry budget (30 s) before failing, where a read fails at once. Refused with the reads' 503.
 */
function useWritableStore(exec: Executor): Plugin<ApiContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      try {
        await exec.reachable();
      } catch (error) {
        if (isUnavailableCode((error as { code?: unknown }).code))
          setResultAndStopExecution({ errors: [new ServiceUnavailableError()] });
        else throw error;
      }
    },
  };
}

/** An armor onReject handler that gives the rejection an error code, so clients can tell limits apart. */
function rejectWith(code: string) {
  return [
    (_ctx: unknown, error: GraphQLError): void => {
      (error.extensions as Record<string, unknown>).code = code;
    },
  ];
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function createYoga(deps: YogaDeps): YogaServerInstance<ServerContext, UserContext> {
  const { driver, database, config, parser } = deps;
  const log = deps.log ?? (() => {});
  const exec = deps.executor ?? createExecutor(driver, database);
  return createYogaServer<ServerContext, UserContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'diplograph' },
    renderGraphiQL,
    landingPage: false,
    cors: corsPolicy(config.corsOrigins),
    context: ({ request }) => ({
      exec,
      loaders: createLoaders(exec),
      caller: identifyCaller(request, config),
      config,
      driver,
      database,
      parser,
      log,
    }),
    // Unexpected errors reach the client as "Unexpected error."; yoga logs the original through `log`.
    maskedErrors: true,
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => log(`graphql: ${args.map(describe).join(' ')}`),
      error: (...args: unknown[]) => log(`graphql: ${args.map(describe).join(' ')}`),
    },
    plugins: [
      useLocalGraphiQL(),
      // Queries compiled to JavaScript once per document (graphql-jit): a network answer of 600 objects
      // costs about 3 ms less CPU to build than with the reference executor.
      useGraphQlJit(),
      useAuthorization(config),
      useWritableStore(exec),
      // network and paths weighed by their arguments, before any Cypher runs (./cost.ts).
      useGraphWorkLimit(),
      EnvelopArmorPlugin({
        maxDepth: { n: config.maxDepth, onReject: rejectWith('QUERY_TOO_DEEP') },
        // Connections nest deeply by design (edges > node > evidence > article) while page sizes are
        // capped at 100, so depth weighs less than armor's default 1.5 per level.
        costLimit: {
          maxCost: config.maxCost,
          objectCost: 2,
          scalarCost: 1,
          depthCostFactor: 1.2,
          onReject: rejectWith('QUERY_TOO_COSTLY'),
        },
        // __typename counts too (armor leaves it out by default): 500 aliases of it are 500 fields to answer.
        maxAliases: { n: 15, allowList: [], onReject: rejectWith('TOO_MANY_ALIASES') },
        maxTokens: { n: 2000, onReject: rejectWith('TOO_MANY_TOKENS') },
        maxDirectives: { n: 20, onReject: rejectWith('TOO_MANY_DIRECTIVES') },
        blockFieldSuggestion: { enabled: true },
      }),
    ],
  });
}
