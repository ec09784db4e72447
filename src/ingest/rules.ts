/**
 * The forms of an event's `rule` (ExtractedEvent.rule, Event.rule in the API): how the source and the target
 * were found, then the trigger pattern. This is the one list the docs (schema/events.graphql) are checked
 * against, and every rule the extractor emits on the gold articles must match it (test/unit/ingest-rules.test.ts).
 *
 * Read on the dependency graph (graph-roles.ts): `graph:<source way>><target way>:<pattern>`, e.g.
 * `graph:light-verb>nsubj>prep:impose * sanction|sanctions` for "Japan imposed sanctions on Iran": the source is
 * the subject of the light verb "imposed", the target the object of "on". Read by the token-window rules
 * (roles.ts): `<window rule>:<pattern>`, e.g. `passive:by:summon` for "the envoy was summoned by the ministry".
 */

/** How the graph found the source: a way, or a step up the graph and then a way (`acl>light-verb>nsubj`). */
export const GRAPH_SOURCE_WAYS = {
  nsubj: 'the subject of the trigger ("Japan condemned Russia")',
  'passive-agent': 'the by-agent of a passive ("was summoned by the ministry")',
  owner: 'the owner of a nominal trigger ("Russia\'s attack on Ukraine")',
  'acl-owner': 'the owner of the noun a participle modifies ("Ankara\'s statement condemning Y")',
  'acl-head': 'the noun a participle modifies, itself an actor ("protesters condemning the visit")',
  speaker: 'the speaker of the sentence ("…, the ministry said")',
  'passive-voice': 'the issuer of a statement, for a passive without agent ("The ambassador was summoned")',
  'previous-voice': 'the voice of the sentence before ("The statement also urged Tokyo to …")',
  'speech-subject': 'the subject of a speech verb over a modal clause ("Russia says Israel must end …")',
} as const;

/** Steps up the graph before a source way: the subject of a light verb, of the clause a participle, infinitive or conjunct hangs on. */
export const GRAPH_SOURCE_STEPS = {
  'light-verb':
    'the verb whose object or prepositional object a nominal trigger is ("X imposed fresh sanctions on Y", "X put out a report accusing Y")',
  acl: 'the noun a participle clause modifies ("a statement condemning Y": the statement\'s issuer)',
  participle: 'the clause an adverbial participle hangs on ("…, accusing Y of …")',
  xcomp: 'the verb an infinitive complements ("X refused to meet Y")',
  conj: 'the verb coordinated before ("X met Y and signed …")',
} as const;

/** How the graph found the target. */
export const GRAPH_TARGET_WAYS = {
  obj: 'the object of the trigger',
  prep: 'the object of a preposition of the trigger ("sanctions on Iran", "talks with Japan")',
  'owner-of-object': 'the owner of the object ("condemned Russia\'s campaign")',
  accuser: 'the maker of the accusation denied or rejected ("rejected the claims of Y")',
  'modal-subject':
    'the subject of a modal clause a speaker utters ("Y must end …"); the pattern is the modal, `-not` when negated',
  none: "no target in the sentence: the other parties of a reciprocal act, or the source's opponent in the article",
} as const;

/** Token-window rules and how each found the source (the target is the nearest actor after the trigger unless said). */
export const WINDOW_RULES = {
  subject:
    'the actor before the trigger, or the owner of a nominal one ("Japan condemned Russia", "Jordan\'s support for Y")',
  'shared-subject': 'the actor of the act before, across "and" or a comma ("Japan met Y and praised Z")',
  speaker: 'the speaker of the sentence, or the issuer of an agentless filing ("a complaint was unsealed charging Y")',
  'passive:by': 'a passive with its by-agent; the target is the patient before it ("Y was summoned by X")',
  'passive:speaker': "a passive without agent: the sentence's speaker did it",
  'passive:voice': 'a passive without agent in a statement: its issuer did it ("The ambassador was summoned")',
  'face-charges':
    'those "facing charges" are charged by the speaker or the issuer ("Y are among a group facing criminal charges")',
  'noun-to': 'the owner of the noun before "to" ("Russia\'s decision to expel Y")',
  'nominal-by': 'a nominal trigger with its agent after "by" ("the visit by X to Y")',
  participle: 'a participle clause shares the main clause\'s actor ("…, while raging at Y")',
  'content:accuse': 'an accusation inside what a speaker says ("X said Y carried out the hack")',
  'content:deny': 'a denial by a speaker or the subject ("X called the claims groundless")',
  'content:judge': 'a judgement by a speaker or the statement\'s issuer ("X called Y\'s move reckless")',
} as const;

/**
 * Fixed trigger patterns the graph rules use besides rows of data/triggers.tsv: `petrarch:<lemma>` (a verb of
 * the PETRARCH2 dictionary, ExtractOptions.dictionaryVerbs) and `phone-call` ("Biden called Putin").
 */
export const FIXED_PATTERNS = ['petrarch:', 'phone-call'] as const;

const alt = (keys: readonly string[]): string =>
  [...keys]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[-:]/g, '\\$&'))
    .join('|');
const GRAPH_RULE = new RegExp(
  `^graph:(?:(?:${alt(Object.keys(GRAPH_SOURCE_STEPS))})>)*(?:${alt(Object.keys(GRAPH_SOURCE_WAYS))})>(?:${alt(Object.keys(GRAPH_TARGET_WAYS))}):.+$`,
);
const WINDOW_RULE = new RegExp(`^(?:${alt(Object.keys(WINDOW_RULES))}):.+$`);

/** Whether a rule string has a documented form. */
export function isDocumentedRule(rule: string): boolean {
  return GRAPH_RULE.test(rule) || WINDOW_RULE.test(rule);
}

/** The form of a rule without its pattern (`graph:light-verb>nsubj>prep`, `passive:by`), or null for an undocumented one. */
export function ruleForm(rule: string): string | null {
  if (GRAPH_RULE.test(rule)) return rule.slice(0, rule.indexOf(':', 'graph:'.length));
  const m = new RegExp(`^(${alt(Object.keys(WINDOW_RULES))}):`).exec(rule);
  return m ? m[1]! : null;
}
