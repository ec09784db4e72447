// The graph stages (parse → graph → mentions from named entities → roles) on recorded CoreNLP output of our
// own example sentences (test/fixtures/graph-sentences.txt, parsed by `npm run parses:record` into
// test/gold/parses/fixtures.json.gz): no server needed, and the assertions are about constructions.
import { describe, expect, it } from 'vitest';
import { RECORDED_PARSES } from '../../src/eval/parses.ts';
import { candidateSentences, extract, MAX_PARSED_TOKENS, prepareArticle } from '../../src/ingest/extract.ts';
import { buildGraph, headOf } from '../../src/ingest/graph.ts';
import { ParseStore } from '../../src/ingest/parses.ts';
import type { ExtractedEvent } from '../../src/ingest/types.ts';

const store = new ParseStore().load(`${RECORDED_PARSES}/fixtures.json.gz`);

function events(text: string, roles: 'graph' | 'window' | 'graph-only' = 'graph'): ExtractedEvent[] {
  const p = prepareArticle({ id: 'fixture', text });
  for (const s of p.sentences)
    expect(store.has(s.text), `no recorded parse for "${s.text}": npm run parses:record -- --only fixtures`).toBe(true);
  return extract({ id: 'fixture', text }, { parses: store.lookup, roles }).events;
}

const triples = (es: readonly ExtractedEvent[]): string[] =>
  es
    .map(
      (e) =>
        `${e.source} ${e.relation} ${e.target}${e.negated ? ' negated' : ''}${e.hypothetical ? ' hypothetical' : ''}`,
    )
    .sort();

describe('graph stages on recorded parses', () => {
  it('maps every engine token onto our tokens and finds the head of a phrase', () => {
    const text = "The African Union issued a statement condemning Sudan's military campaign.";
    const s = prepareArticle({ id: 'x', text }).sentences[0]!;
    const g = buildGraph(store.get(s.text)!, s.tokens, s.start);
    expect(g.nodes.length).toBeGreaterThanOrEqual(s.tokens.length);
    expect(g.nodes.every((n) => n.token >= 0)).toBe(true);
    // "The African Union": the head is "Union".
    const head = headOf(g, 0, 3);
    expect(head).not.toBeNull();
    expect(text.slice(g.nodes[head!]!.start, g.nodes[head!]!.end)).toBe('Union');
  });

  it('subject and prepositional object: "X imposed sanctions on Y"', () => {
    const es = events('Japan imposed new sanctions on North Korea on Monday.');
    expect(triples(es)).toEqual(['country:JPN SANCTIONS country:PRK']);
    expect(es[0]!.rule).toMatch(/^graph:nsubj>prep:/);
  });

  it('passive with its agent: "Y was summoned by X"', () => {
    const es = events('The Chilean ambassador was summoned by the Peruvian Foreign Ministry.');
    expect(es).toHaveLength(1);
    expect(es[0]!.rule).toMatch(/^graph:passive-agent>/);
    expect(es[0]!.source).toBe('agency:per:foreign-ministry');
    // A summons of an envoy is addressed to the envoy's state.
    expect(es[0]!.target).toBe('country:CHL');
  });

  it('a rejection of claims is aimed at who made them: "X rejected the claims of Y\'s minister"', () => {
    expect(triples(events("Pakistan rejected the claims of India's foreign minister."))).toEqual([
      'country:PAK DENIES country:IND',
    ]);
    expect(triples(events('Vietnam, responding to the report, denied the accusations of the Philippines.'))).toEqual([
      'country:VNM DENIES country:PHL',
    ]);
  });

  it('a participle on a noun takes the agent of the verb the noun is object of: "X issued a statement condemning Y"', () => {
    const es = events("The African Union issued a statement condemning Sudan's military campaign.");
    expect(es.map((e) => e.relation)).toEqual(['CONDEMNS']);
    expect(es[0]!.source).toBe('alliance:african-union');
    expect(es[0]!.rule).toContain('acl>light-verb>nsubj');
  });

  it('a coordinated subject of a reciprocal act gives one event each way', () => {
    expect(triples(events('Kenya and Tanzania agreed to resume talks on the border.'))).toEqual([
      'country:KEN AGREES country:TZA',
      'country:TZA AGREES country:KEN',
    ]);
  });

  it('what an accusation alleges is no event of its own: "accused Y of hacking Z"', () => {
    expect(triples(events('Norway accused Belarus of hacking its parliament.'))).toEqual([
      'country:NOR ACCUSES country:BLR',
    ]);
  });

  it("negation from the verb's own dependents", () => {
    expect(triples(events('Brazil did not condemn Venezuela.'))).toEqual(['country:BRA CONDEMNS country:VEN negated']);
  });

  it('a speaker\'s "Y must …" is a request to Y; a place the engine tags and the dictionaries know is a country', () => {
    const es = events('Senegalese Foreign Minister Aminata Diallo said Mali must release the detained soldiers.');
    expect(triples(es)).toEqual(['official:sen:aminata-diallo REQUESTS country:MLI']);
    expect(es[0]!.rule).toBe('graph:speech-subject>modal-subject:must');
  });

  it("a state agent noun qualified by a state is that state's body", () => {
    const es = events("Nigerian prosecutors charged Ghana's former trade envoy.");
    expect(es).toHaveLength(1);
    expect(es[0]!.relation).toBe('CHARGES');
    expect(es[0]!.source).toMatch(/^agency:nga:/);
  });

  it('"We, the ministers of A, B and C, …" names "we" for the sentences after it', () => {
    const es = events(
      "We, the foreign ministers of Australia, Canada and Japan, condemn Russia's attack on Ukraine. We call on Russia to withdraw its forces.",
    );
    const requests = triples(es.filter((e) => e.relation === 'REQUESTS'));
    expect(requests).toEqual([
      'country:AUS REQUESTS country:RUS',
      'country:CAN REQUESTS country:RUS',
      'country:JPN REQUESTS country:RUS',
    ]);
    expect(triples(es.filter((e) => e.relation === 'CONDEMNS'))).toEqual([
      'country:AUS CONDEMNS country:RUS',
      'country:CAN CONDEMNS country:RUS',
      'country:JPN CONDEMNS country:RUS',
    ]);
  });

  it('"it" is the body that was last a subject', () => {
    expect(
      triples(
        events(
          "Ghana's foreign ministry issued a statement on Monday. It condemned Togo's decision to close the border.",
        ),
      ),
    ).toEqual(['agency:gha:foreign-ministry CONDEMNS country:TGO']);
  });

  it('a transcript speaker label voices what follows; "Y should …" in its answer is its request of Y', () => {
    const es = events(
      'Spokesperson Lin Wei: We firmly oppose the sanctions on Chinese companies. The United States should stop smearing China.',
    );
    expect(es.filter((e) => e.relation === 'REQUESTS').map((e) => `${e.source} ${e.target} ${e.rule}`)).toEqual([
      'official:xxx:lin-wei country:USA graph:speech-subject>modal-subject:should',
    ]);
  });

  it('people and firms in a state stand for it as the target of sanctions', () => {
    expect(
      triples(events('Canada today announced sanctions against ten individuals and three entities in Iran.')),
    ).toEqual(['country:CAN SANCTIONS country:IRN']);
  });

  it('only sentences with an act and an actor go to the parser, and none longer than the cap', () => {
    const p = prepareArticle({
      id: 'x',
      text:
        'Prices rose sharply on Tuesday.\n\nJapan condemned Russia on Monday.\n\n' +
        `Japan condemned ${'Russia and '.repeat(100)}Belarus.`,
    });
    const picked = candidateSentences(p).map((s) => s.text);
    expect(p.sentences).toHaveLength(3);
    expect(p.sentences[2]!.tokens.length).toBeGreaterThan(MAX_PARSED_TOKENS);
    expect(picked).toEqual(['Japan condemned Russia on Monday.']);
  });

  it('without parses the window rules read the sentence, and graph-only reads nothing', () => {
    const text = 'Japan imposed new sanctions on North Korea on Monday.';
    const window = extract({ id: 'x', text }, { roles: 'window' }).events;
    expect(window.every((e) => !e.rule.startsWith('graph:'))).toBe(true);
    expect(window.length).toBeGreaterThan(0);
    expect(extract({ id: 'x', text }, { roles: 'graph-only' }).events).toEqual([]);
  });
});
