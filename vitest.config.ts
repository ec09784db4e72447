import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Several unit tests spawn the CLI, start worker threads or an in-process server; on a loaded machine
          // (a CI runner, or a fresh clone compiling on first import) vitest's 5 s default failed them for no reason.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/corenlp-setup.ts'],
          // One Neo4j for the whole run: files run one after another and each starts from a wiped graph.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          // The integration project's setup, shared with it when both run (see the file).
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          // After the integration project: both wipe and seed the same Neo4j.
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
