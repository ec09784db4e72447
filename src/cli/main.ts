/**
 * `diplograph VERB …`: each verb lives in its own module under src/cli/ and exports
 * `run(args: string[]): Promise<number>` (the exit code).
 */
const VERBS: Record<string, { module: string; summary: string }> = {
  serve: { module: './serve.ts', summary: 'ensure Neo4j, apply the schema, ingest seed/, serve GraphQL (npm start)' },
  neo4j: { module: './neo4j.ts', summary: 'manage the local Neo4j: start | stop | status | env' },
  corenlp: { module: './corenlp.ts', summary: 'manage the local CoreNLP server: start | stop | status | env' },
  extract: {
    module: './extract.ts',
    summary: 'extract actors and events from FILE (or --jsonl on stdin) and print JSON',
  },
  ingest: { module: './ingest.ts', summary: 'extract and store PATH… (files, folders, - for JSON Lines on stdin)' },
  delete: { module: './delete.ts', summary: 'delete an article (and its events) by id' },
  export: { module: './export.ts', summary: 'export the actor network: --format graphml|gexf|csv|json' },
};

function usage(): string {
  const lines = Object.entries(VERBS).map(([verb, v]) => `  ${verb.padEnd(8)} ${v.summary}`);
  return `usage: diplograph VERB [options]\n\n${lines.join('\n')}\n\nRun 'diplograph VERB --help' for a verb's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    console.log(usage());
    return verb ? 0 : 2;
  }
  const entry = VERBS[verb];
  if (!entry) {
    console.error(`diplograph: unknown verb '${verb}'\n\n${usage()}`);
    return 2;
  }
  const mod = (await import(entry.module)) as { run: (args: string[]) => Promise<number> };
  return mod.run(rest);
}
