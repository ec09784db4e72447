/**
 * The one module that opens connections to Neo4j. `openNeo4j` resolves which server to use
 * (NEO4J_URI, else the embedded local one) and returns a driver plus how to shut it all down.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { AppConfig, Neo4jTarget } from '../config.ts';
import { defaultLocalOptions, startLocalNeo4j, type LocalNeo4jOptions } from './local-neo4j.ts';

export interface Neo4jConnection {
  driver: Driver;
  target: Neo4jTarget;
  /** Neo4j Browser's address, when known. */
  browserUrl: string | null;
  /** True when this process started the local server. */
  startedServer: boolean;
  /** Closes the driver, then stops the server if this process started it. */
  close: () => Promise<void>;
}

export function createDriver(target: Neo4jTarget): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    disableLosslessIntegers: false,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    maxTransactionRetryTime: 30_000,
    userAgent: 'diplograph/0.1',
  });
}

/** Connects to NEO4J_URI when configured, else to the local server (started if needed). */
export async function openNeo4j(
  config: Pick<AppConfig, 'neo4j'>,
  { log = (_: string) => {}, local = {} as Partial<LocalNeo4jOptions>, detached = false } = {},
): Promise<Neo4jConnection> {
  if (config.neo4j) {
    const driver = createDriver(config.neo4j);
    await driver.verifyConnectivity({ database: config.neo4j.database });
    const http = /^[a-z+]+:\/\/([^:/]+)/.exec(config.neo4j.uri)?.[1];
    return {
      driver,
      target: config.neo4j,
      browserUrl: config.neo4j.uri.includes('databases.neo4j.io')
        ? 'https://console.neo4j.io'
        : http
          ? `http://${http}:7474/browser/`
          : null,
      startedServer: false,
      close: () => driver.close(),
    };
  }
  const handle = await startLocalNeo4j(defaultLocalOptions({ log, ...local }), { detached });
  const target: Neo4jTarget = { uri: handle.uri, user: handle.user, password: handle.password, database: undefined };
  const driver = createDriver(target);
  return {
    driver,
    target,
    browserUrl: handle.browserUrl,
    startedServer: handle.startedHere,
    close: async () => {
      await driver.close();
      if (handle.startedHere) {
        log('Stopping the local Neo4j …');
        await handle.stop();
      }
    },
  };
}
