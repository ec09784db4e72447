/** `diplograph delete ID…`: deletes articles and their events, and repairs the actor network. */
import { loadConfig } from '../config.ts';
import { openNeo4j } from '../store/driver.ts';
import { deleteArticle } from '../store/ingest.ts';
import { migrate } from '../store/schema.ts';

const HELP = `usage: diplograph delete ID…

Deletes each article with its events and recomputes the network relationships they counted in.
Exit 1 when an id is not found.`;

export async function run(args: string[]): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return args.length === 0 ? 2 : 0;
  }
  const conn = await openNeo4j(loadConfig(), { log: (line) => console.error(line) });
  let missing = 0;
  try {
    await migrate(conn.driver, conn.target.database);
    for (const id of args) {
      const deleted = await deleteArticle(
        conn.driver,
        id,
        conn.target.database ? { database: conn.target.database } : {},
      );
      if (deleted) console.log(`deleted ${id}`);
      else {
        missing++;
        console.error(`diplograph delete: no article ${JSON.stringify(id)}`);
      }
    }
  } finally {
    await conn.close();
  }
  return missing > 0 ? 1 : 0;
}
