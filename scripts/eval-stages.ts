/**
 * `npm run eval:stages [-- --split dev|heldout]`: where the recall of a split is lost, stage by stage, in
 * totals only (no sentence is printed, so the held-out split can be measured without being read). For each
 * required gold event (dyad level: actors rolled up to their state), in its evidence sentence:
 *   actors   both sides are among the sentence's mentions (rolled up the same way);
 *   trigger  the sentence has a trigger of the event's PLOVER root;
 *   event    the extraction has that dyad event in that sentence.
 */
import { parseArgs } from 'node:util';
import { loadEvalParses } from '../src/eval/parses.ts';
import { matchActors } from '../src/eval/score.ts';
import { loadSplit, SPLITS, type Split } from '../src/eval/split.ts';
import { extract } from '../src/ingest/extract.ts';
import { stateOfId } from '../src/ingest/ids.ts';
import { relationInfo } from '../src/ontology.ts';

const { values: args } = parseArgs({ options: { split: { type: 'string' } } });
const splits = (args.split ? [args.split] : [...SPLITS]) as Split[];
const store = loadEvalParses();

for (const split of splits) {
  const c = {
    noSourceEarlier: 0,
    noSourceNowhere: 0,
    events: 0,
    located: 0,
    source: 0,
    target: 0,
    actors: 0,
    trigger: 0,
    both: 0,
    event: 0,
    parsed: 0,
  };
  for (const { gold, input } of loadSplit(split)) {
    const traces: { start: number; end: number; actorIds: string[]; relations: string[]; parsed: boolean }[] = [];
    const result = extract(input, { parses: store.lookup, trace: (t) => traces.push(t) });
    const match = matchActors(gold.actors, result.actors);
    const goldBy = new Map(gold.actors.map((a) => [a.key, a]));
    const goldState = (key: string): string => {
      const a = goldBy.get(key);
      if (!a) return key;
      return a.kind === 'ALLIANCE' || !a.country ? key : `country:${a.country}`;
    };
    const ourState = (id: string): string => {
      const key = match.get(id);
      if (key && goldBy.has(key)) return goldState(key);
      const iso = stateOfId(id, true);
      return iso ? `country:${iso}` : id;
    };
    const text = result.article.text;
    for (const e of gold.events) {
      if (e.optional) continue;
      c.events += 1;
      const ev = (e.evidence ?? '').trim();
      const at = ev ? text.indexOf(ev.slice(0, Math.min(60, ev.length))) : -1;
      const tr = at >= 0 ? traces.find((t) => t.start <= at + 5 && at < t.end) : undefined;
      if (!tr) continue;
      c.located += 1;
      if (tr.parsed) c.parsed += 1;
      const states = new Set(tr.actorIds.map(ourState));
      const s = states.has(goldState(e.source));
      const t = states.has(goldState(e.target));
      const root = relationInfo(e.relation).plover;
      const r = tr.relations.some((x) => relationInfo(x as 'ACCUSES').plover === root);
      if (s) c.source += 1;
      else {
        const k = traces.indexOf(tr);
        const earlier = new Set(traces.slice(Math.max(0, k - 3), k).flatMap((x) => x.actorIds.map(ourState)));
        if (earlier.has(goldState(e.source))) c.noSourceEarlier += 1;
        else if (!traces.some((x) => x.actorIds.map(ourState).includes(goldState(e.source)))) c.noSourceNowhere += 1;
      }
      if (t) c.target += 1;
      if (s && t) c.actors += 1;
      if (r) c.trigger += 1;
      if (s && t && r) c.both += 1;
      if (
        result.events.some(
          (x) =>
            !x.negated &&
            !x.hypothetical &&
            x.evidence.start === tr.start &&
            ourState(x.source) === goldState(e.source) &&
            ourState(x.target) === goldState(e.target) &&
            relationInfo(x.relation).plover === root,
        )
      )
        c.event += 1;
    }
  }
  const pct = (n: number): string => `${n} (${(n / Math.max(1, c.events)).toFixed(2)})`;
  console.log(
    `${split}: ${c.events} required gold events; evidence sentence found ${pct(c.located)}, parsed ${pct(c.parsed)}`,
  );
  console.log(`  source in sentence ${pct(c.source)}, target ${pct(c.target)}, both ${pct(c.actors)}`);
  console.log(
    `  source not in the sentence: in one of the 3 before it ${pct(c.noSourceEarlier)}, in no sentence of the article ${pct(c.noSourceNowhere)}`,
  );
  console.log(
    `  trigger of the root ${pct(c.trigger)}; both actors and trigger ${pct(c.both)}; event extracted ${pct(c.event)}`,
  );
}
