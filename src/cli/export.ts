/**
 * `diplograph export --format graphml|gexf|csv|json [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 * [--relations ACCUSES,CONDEMNS] [--measure incidents|reports] [--out FILE]`: the actor network for Gephi, yEd, Cytoscape or a
 * spreadsheet. Read-only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { openNeo4j } from '../store/driver.ts';
import { ExportArgsError, parseExportArgs } from '../export/args.ts';
import { exportFiles } from '../export/files.ts';
import { readNetwork } from '../export/read.ts';

const HELP = `usage: diplograph export --format graphml|gexf|csv|json [options]

  --format, -f     graphml (yEd, Cytoscape, Gephi), gexf (Gephi), csv (spreadsheets, Gephi's
                   spreadsheet import), json
  --from, --to     YYYY-MM-DD: count edges from the events in that range (else the stored network)
  --relations, -r  comma-separated relations, e.g. ACCUSES,CONDEMNS (default: all)
  --measure        incidents (default: one act reported many times counts once) or reports: the edge weight
  --out, -o        file to write (default: standard output). For csv, FILE gets the edges and
                   FILE.nodes.csv (network.csv -> network.nodes.csv) the actors.

Nodes carry id, name, kind, country; edges carry relation, count, firstDate, lastDate, meanScore.
Connects like the server: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), else the local Neo4j.`;

export async function run(args: string[]): Promise<number> {
  let options;
  try {
    options = parseExportArgs(args);
  } catch (error) {
    if (error instanceof ExportArgsError) {
      console.error(`diplograph export: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const connection = await openNeo4j(config, { log: (line) => console.error(line) });
  try {
    const graph = await readNetwork(connection.driver, options.filter, connection.target.database);
    for (const file of exportFiles(graph, options.format, options.out)) {
      if (file.path === null) {
        process.stdout.write(file.content);
      } else {
        await mkdir(dirname(file.path), { recursive: true });
        await writeFile(file.path, file.content);
        console.error(`wrote ${file.path}`);
      }
    }
    console.error(`exported ${graph.nodes.length} actors and ${graph.edges.length} relations (${options.format})`);
    return 0;
  } finally {
    await connection.close();
  }
}
