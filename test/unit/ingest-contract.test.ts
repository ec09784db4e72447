/** The extraction contract over every real article we have: events name only listed actors, offsets hold. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/extract.ts';
import { isActorKind, isRelationName, relationInfo } from '../../src/ontology.ts';

const goldDir = join(import.meta.dirname, '../gold/dev/articles');
const files = [
  ...readdirSync(goldDir).map((f) => join(goldDir, f)),
  join(import.meta.dirname, '../../seed/dawn-2021-07-21-china-hack-claims.txt'),
];

/** Events checked per file: an article may give none, but the corpus must give many, or the checks below check nothing. */
const checked = { events: 0, files: 0 };

describe.each(files.map((f) => [f.split('/').pop()!, f]))('%s', (_name, file) => {
  const content = readFileSync(file, 'utf8');
  const result = extract(file.endsWith('.html') ? { id: 'x', html: content } : { id: 'x', text: content });
  const actorIds = new Set(result.actors.map((a) => a.id));
  checked.events += result.events.length;
  checked.files += result.events.length > 0 ? 1 : 0;

  it('lists every actor an event names, with a kind from the ontology', () => {
    for (const e of result.events) {
      expect(actorIds, `${e.relation} ${e.source} -> ${e.target}`).toContain(e.source);
      expect(actorIds, `${e.relation} ${e.source} -> ${e.target}`).toContain(e.target);
    }
    for (const a of result.actors) expect(isActorKind(a.kind)).toBe(true);
  });

  it('gives each event its ontology row, and offsets that point at its evidence and mentions', () => {
    const text = result.article.text;
    for (const e of result.events) {
      expect(isRelationName(e.relation)).toBe(true);
      const info = relationInfo(e.relation);
      expect([e.plover, e.mode, e.cameo, e.score]).toEqual([info.plover, info.mode, info.cameo, info.score]);
      expect(text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.sentence);
      expect(text.slice(e.sourceMention.start, e.sourceMention.end)).toBe(e.sourceMention.text);
      expect(text.slice(e.targetMention.start, e.targetMention.end)).toBe(e.targetMention.text);
      expect(e.source).not.toBe(e.target);
    }
  });

  it('is deterministic', () => {
    const again = extract(file.endsWith('.html') ? { id: 'x', html: content } : { id: 'x', text: content });
    expect(again).toEqual(result);
  });
});

describe('the contract corpus', () => {
  it('gives events in most of its articles, so the checks above are not vacuous', () => {
    expect(checked.events).toBeGreaterThan(100);
    expect(checked.files).toBeGreaterThan(files.length / 2);
  });
});
