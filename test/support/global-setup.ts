/**
 * Integration tests run against a real Neo4j, chosen in this order:
 * 1. NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD): that server. The tests WIPE its database: point it at a scratch server.
 * 2. A Docker engine that answers: testcontainers starts neo4j:5.26-community.
 * 3. Otherwise the project's own local Neo4j, in a test home of its own (.diplograph/test-neo4j, wiped
 *    at the start of every run, on ports 17687/17474), so a developer's data is never touched.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig, type Neo4jTarget } from '../../src/config.ts';
import { createDriver } from '../../src/store/driver.ts';
import { defaultLocalOptions, startLocalNeo4j } from '../../src/store/local-neo4j.ts';
import { migrate } from '../../src/store/schema.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTarget & { how: string };
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  let target: Neo4jTarget;
  let how: string;
  let teardown = async (): Promise<void> => {};

  if (config.neo4j) {
    target = config.neo4j;
    how = `NEO4J_URI ${target.uri}`;
  } else if (process.env.DIPLOGRAPH_TEST_NO_DOCKER !== '1' && (await dockerAnswers())) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('diplograph-test').start();
    target = { uri: container.getBoltUri(), user: 'neo4j', password: container.getPassword(), database: undefined };
    how = 'testcontainers neo4j:5.26-community';
    teardown = async () => {
      await container.stop();
    };
  } else {
    const home = resolve(process.env.DIPLOGRAPH_TEST_HOME ?? join('.diplograph', 'test-neo4j'));
    const opts = defaultLocalOptions({
      home,
      boltPort: Number(process.env.DIPLOGRAPH_TEST_BOLT_PORT ?? 17687),
      httpPort: Number(process.env.DIPLOGRAPH_TEST_HTTP_PORT ?? 17474),
      heap: process.env.DIPLOGRAPH_NEO4J_HEAP ?? '1g',
      pageCache: process.env.DIPLOGRAPH_NEO4J_PAGECACHE ?? '512m',
      log: (line) => console.log(`[neo4j] ${line}`),
    });
    // A fresh server home per run (a stale server from a killed run is stopped first).
    const { stopLocalNeo4j } = await import('../../src/store/local-neo4j.ts');
    await stopLocalNeo4j(opts);
    rmSync(home, { recursive: true, force: true });
    const handle = await startLocalNeo4j(opts);
    target = { uri: handle.uri, user: handle.user, password: handle.password, database: undefined };
    how = `local Neo4j in ${home}`;
    teardown = handle.stop;
  }

  const driver = createDriver(target);
  try {
    await driver.verifyConnectivity();
    await migrate(driver, target.database);
  } finally {
    await driver.close();
  }
  console.log(`[neo4j] integration tests use ${how}`);
  project.provide('neo4j', { ...target, how });
  return teardown;
}
