/**
 * The e2e project's global setup: the integration project's (test/support/global-setup.ts), run
 * once per vitest run. When both projects run together (`npm test`), a second run of that setup
 * would restart and wipe the local test Neo4j under the first project's feet, so the second
 * project to set up reuses the server the first one provided.
 */
import type { TestProject } from 'vitest/node';
import setupNeo4j from '../support/global-setup.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const other = project.vitest.projects.find((p) => p !== project && p.getProvidedContext().neo4j !== undefined);
  const shared = other?.getProvidedContext().neo4j;
  if (shared) {
    project.provide('neo4j', shared);
    return async () => {};
  }
  const teardown = await setupNeo4j(project);
  // If the integration project sets up after this one, its setup sees NEO4J_URI and uses this server.
  const target = project.getProvidedContext().neo4j;
  if (target && !process.env.NEO4J_URI) {
    Object.assign(process.env, { NEO4J_URI: target.uri, NEO4J_USER: target.user, NEO4J_PASSWORD: target.password });
  }
  return teardown;
}
