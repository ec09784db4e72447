/**
 * `npm run check:gold -- [PATH…]`: validates gold files (ANNOTATION.md, test/gold/dev/README.md) without
 * running the extractor: known actor keys, ontology relations and kinds, ISO3 codes, dates, evidence found
 * verbatim in the input. PATH is a gold .json file or a split folder; default: test/gold/dev and
 * test/gold/heldout. Prints one line per file and every problem; exit 1 when any file is broken.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GoldFileError, goldFilesIn, loadGoldFile } from '../src/eval/gold.ts';

const args = process.argv.slice(2);
const targets = args.length > 0 ? args : ['test/gold/dev', 'test/gold/heldout'];
let broken = 0;
let checked = 0;
for (const t of targets) {
  const files = statSync(t).isDirectory() ? goldFilesIn(t) : [t];
  for (const f of files) {
    checked += 1;
    try {
      const { gold } = loadGoldFile(resolve(f));
      const required = gold.events.filter((e) => !e.optional).length;
      console.log(`ok      ${f}  (${gold.actors.length} actors, ${gold.events.length} events, ${required} required)`);
    } catch (err) {
      if (!(err instanceof GoldFileError)) throw err;
      broken += 1;
      console.log(`BROKEN  ${err.message}`);
    }
  }
}
console.log(`${checked} file(s) checked, ${broken} broken`);
process.exitCode = broken > 0 ? 1 : 0;
