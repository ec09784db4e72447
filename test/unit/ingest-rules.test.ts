// An event's `rule` says how it was read. Its documented forms live in one place (src/ingest/rules.ts); the
// docs' examples must be forms of that list, the list must be in the docs, and every rule the extractor emits
// on the gold articles and the PLV sentences (recorded parses, every reading) must be one of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractorWith, loadEvalParses } from '../../src/eval/parses.ts';
import { extractSentences, plvAvailable, plvPath, readPlv } from '../../src/eval/plv.ts';
import { loadSplit } from '../../src/eval/split.ts';
import {
  GRAPH_SOURCE_STEPS,
  GRAPH_SOURCE_WAYS,
  GRAPH_TARGET_WAYS,
  isDocumentedRule,
  ruleForm,
  WINDOW_RULES,
} from '../../src/ingest/rules.ts';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** The description of Event.rule in the GraphQL schema. */
const schemaDoc = /"""\n((?:(?!""")[\s\S])*)"""\n\s*rule: String!/.exec(read('schema/events.graphql'))?.[1] ?? '';
/** The comment on ExtractedEvent.rule. */
const typesDoc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\n\s*rule: string;/.exec(read('src/extraction.ts'))?.[1] ?? '';
/** Backquoted (or double-quoted, in the old comment) examples that look like a rule: `word:…` or `graph:…`. */
const examples = (doc: string): string[] =>
  [...doc.matchAll(/[`"]((?:graph|[a-z-]+(?::[a-z]+)?):[^`"<…]+)[`"]/g)]
    .map((m) => m[1]!)
    // Not the names of window rules ("passive:by") nor of a pattern kind ("petrarch:<lemma>"): those are no examples.
    .filter((r) => !r.startsWith('petrarch:') && !Object.hasOwn(WINDOW_RULES, r));

describe('event rule forms', () => {
  it('the docs give examples only of documented forms, and name every form', () => {
    expect(schemaDoc).not.toBe('');
    expect(typesDoc).not.toBe('');
    const given = [...examples(schemaDoc), ...examples(typesDoc)];
    expect(given.length).toBeGreaterThanOrEqual(5);
    expect(given.filter((r) => !isDocumentedRule(r))).toEqual([]);
    const named = new Set([...schemaDoc.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/>$/, '')));
    const forms = [
      ...Object.keys(GRAPH_SOURCE_WAYS),
      ...Object.keys(GRAPH_SOURCE_STEPS),
      ...Object.keys(GRAPH_TARGET_WAYS),
      ...Object.keys(WINDOW_RULES),
    ];
    expect(forms.filter((f) => !named.has(f))).toEqual([]);
    expect(typesDoc).toContain('rules.ts');
  });

  it('tells a documented rule from another', () => {
    expect(isDocumentedRule('graph:acl>light-verb>nsubj>owner-of-object:condemn')).toBe(true);
    expect(isDocumentedRule('graph:speech-subject>modal-subject:must-not')).toBe(true);
    expect(ruleForm('passive:by:summon')).toBe('passive:by');
    expect(ruleForm('graph:xcomp>nsubj>none:agree')).toBe('graph:xcomp>nsubj>none');
    for (const old of [
      'verb:accuse/active',
      'nominal:statement-of-condemnation',
      'graph:nsubj:condemn',
      'graph:light-verb>obj:condemn',
      'subject',
      'passive:condemn',
    ])
      expect(isDocumentedRule(old), old).toBe(false);
  });

  it('every rule emitted on the gold articles and the PLV sentences has a documented form', () => {
    const store = loadEvalParses(false);
    const forms = new Map<string, number>();
    const undocumented = new Set<string>();
    const note = (rule: string): void => {
      const form = ruleForm(rule);
      if (form === null) undocumented.add(rule);
      else forms.set(form, (forms.get(form) ?? 0) + 1);
    };
    const items = [...loadSplit('dev'), ...loadSplit('heldout')];
    for (const options of [{}, { roles: 'window' as const }, { dictionaryVerbs: true }]) {
      const extract = extractorWith(store, options);
      for (const { input } of items) for (const e of extract(input).events) note(e.rule);
    }
    expect(plvAvailable(), `the PLV set is needed: ${plvPath()} (set PLV_TSV)`).toBe(true);
    for (const r of extractSentences(readPlv().rows, extractorWith(store)).values())
      for (const e of r?.events ?? []) note(e.rule);
    expect(undocumented).toEqual(new Set());
    // The run reaches both kinds of reading and many forms, so the check above is not vacuous.
    const seen = [...forms.keys()];
    expect(seen.filter((f) => f.startsWith('graph:')).length).toBeGreaterThanOrEqual(20);
    expect(seen.filter((f) => !f.startsWith('graph:')).length).toBeGreaterThanOrEqual(10);
    expect(seen).toContain('graph:speech-subject>modal-subject');
  }, 120_000);
});
