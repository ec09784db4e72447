/**
 * Who does what to whom, read off the dependency graph: for each act trigger, its source and target are the
 * actors the graph attaches to it — subject and object, the agent of a passive, the owner of a nominal act,
 * the clause a participle hangs from, the verb whose object a nominal act is — and its negation and modality
 * come from its own dependents. Judgements voiced in a speaker's words (role *-content) are read by
 * roles.ts, which knows speech frames.
 *
 * Every rule names the construction it reads, with an example of our own (not from any gold article).
 */
import { relationsOfClass, type RelationName } from '../ontology.ts';
import { loadPetrarchDicts } from '../dicts/petrarch.ts';
import { LEXICON } from './data.ts';
import { children, nodesIn, parents, type SentenceGraph } from './graph.ts';
import type { Mention } from './mentions.ts';
import type { Token } from './nlp.ts';
import { RECIPROCAL, type RoleAssignment } from './roles.ts';
import type { Trigger } from './triggers.ts';

const SPEECH = new Set(LEXICON.speechVerbs);
const NEGATORS = new Set([...LEXICON.negators, ...LEXICON.nounNegators]);
const MODALS = new Set(LEXICON.modals);
const CONDITIONS = new Set([...LEXICON.conditionWords, ...LEXICON.questionConditionWords]);
/** Acts that are about the future by nature: a modal does not make them hypothetical ("will meet" is AGREES-like intent). */
const INHERENTLY_FUTURE = relationsOfClass('future');
/** Acts whose clause or "of"-complement is what they allege: "accused X of hacking Y" — the hacking is no event of its own. */
const ALLEGING = relationsOfClass('alleging');
/** Judgements and support that may stand without a target (it is then the source's opponent, resolved per article). */
const OPEN_TARGET = relationsOfClass('open-target');
const ACCUSATION_NOUNS = new Set(LEXICON.accusationNouns);
const PEOPLE_OR_FIRMS = new Set([...LEXICON.personNouns, ...LEXICON.peopleOrFirmNouns]);

/**
 * Prepositions that attach the one acted on: "sanctions on X", "protested to X", "talks with X", "aid to X",
 * "support for X", "war against X", "pressure upon X". Topic and place prepositions (about, over, in, during)
 * never do.
 */
const HOSTILE_PREPS = new Set(LEXICON.hostileTargetPrepositions);
const COOPERATIVE_PREPS = new Set(LEXICON.cooperativeTargetPrepositions);
/**
 * Hostile acts fall "on", "against", "at" someone ("sanctions on X", "fired at X", "an inquiry into X"); for
 * cooperative ones "on" is a topic ("agreed on the text", "talks on trade"): they reach someone "with", "to",
 * "for" ("support for X"). A retreat is "from" somewhere, a request "on" someone ("called on X to …").
 */
function targetPreps(relation: RelationName): ReadonlySet<string> {
  if (relation === 'RETREATS') return RETREAT_PREPS;
  if (relation === 'REQUESTS') return REQUEST_PREPS;
  return COOPERATIVE.has(relation) ? COOPERATIVE_PREPS : HOSTILE_PREPS;
}
const COOPERATIVE = relationsOfClass('reaches-with');
/** Subjects that are the document or the act itself, not an agent: "the statement urged …", "the measures target …". */
const DISCOURSE_NOUNS = new Set(LEXICON.discourseNouns);
/** Nouns of documents: their maker voices what they say. */
const DOCUMENTS = new Set(LEXICON.documentNouns);
const TOPIC_OBJECT_VERBS = new Set(LEXICON.topicObjectVerbs);
const TOPIC_PREPS = new Set(LEXICON.topicPrepositions);
const JUDGEMENTS = relationsOfClass('topic-judgement');
const RETREAT_PREPS = new Set(LEXICON.retreatTargetPrepositions);
const REQUEST_PREPS = new Set(LEXICON.requestTargetPrepositions);
/**
 * Verbs that lend a nominal act its agent: "X voiced condemnation of Y", "X imposed sanctions on Y", "X issued a denial";
 * and verbs of backing: "Argentina backed the condemnation", "Peru joined the call for talks": whoever backs an act makes it too.
 */
const LIGHT_VERBS = new Set(LEXICON.lightVerbs);
const SUBJECT = (d: string): boolean => d === 'nsubj' || d === 'nsubj:xsubj' || d === 'csubj';
const OBJECT = (d: string): boolean => d === 'obj' || d === 'iobj';
const PASSIVE_SUBJECT = (d: string): boolean => d === 'nsubj:pass' || d === 'nsubj:pass:xsubj';
const OWNER = (d: string): boolean =>
  d === 'nmod:poss' ||
  d === 'compound' ||
  d === 'amod' ||
  d === 'nmod:of' ||
  d === 'nmod:by' ||
  d === 'nmod:from' ||
  d === 'nmod:between';
const CONJ = (d: string): boolean => d.startsWith('conj');
const APPOS = (d: string): boolean => d === 'appos';
const prepOf = (d: string): string | null => {
  const m = /^(?:obl|nmod):([a-z_]+)$/.exec(d);
  return m ? m[1]! : null;
};

export interface GraphRoleContext {
  tokens: readonly Token[];
  graph: SentenceGraph;
  /** Every mention of the sentence, uncoordinated, with voice mentions ("we", "our"). */
  mentions: readonly Mention[];
  /** The speaker of the sentence's words where a frame gives one ("…, X said"), else the quote's carried speaker. */
  speakerAt: (token: number) => Mention | null;
  /** The issuer of the document, for agentless passives ("the ambassador was summoned"). */
  docVoice: string | null;
  /** Mentions coordinated on our tokens ("Britain, France and Germany"): a list the parser split wrongly stays one. */
  groups?: readonly Mention[];
  /** What "it" / "they" as an argument stands for: the last body or state that acted before this sentence. */
  pronoun?: Mention | null;
  /** Who "we" are, when an earlier sentence named them ("We, the ministers of A and B, …"); `onWe` reports a naming. */
  we?: Mention | null;
  onWe?: (m: Mention) => void;
  /** Who spoke or acted last in the sentence before (same paragraph), for a sentence whose act names no agent. */
  previous?: Mention | null;
}

interface Found {
  nodes: number[];
  how: string;
  lightVerb?: number;
}

/** The mention our token `k` lies in (the innermost, an agent rather than a place when both). */
function mentionAtToken(ctx: GraphRoleContext, k: number): Mention | null {
  let best: Mention | null = null;
  const dateline = datelineEnd(ctx.tokens);
  for (const m of ctx.mentions) {
    if (k < m.start || k >= m.end || m.start < dateline) continue;
    if (!best || (best.locative && !m.locative) || m.end - m.start < best.end - best.start) best = m;
  }
  return best;
}

function mentionAtNode(ctx: GraphRoleContext, n: number): Mention | null {
  const tok = ctx.graph.nodes[n]?.token ?? -1;
  return tok >= 0 ? mentionAtToken(ctx, tok) : null;
}

const DASH = /^(?:[-—–]|--)$/;
const DATELINE_WORD = /^(?:\p{Lu}[\p{L}.'’-]*|[,()]|\d+)$/u;
let lastDateline: { tokens: readonly Token[]; end: number } | null = null;

/**
 * Where a dateline opening the sentence ends ("HARARE, Zimbabwe — …", "MANILA (AP) -- …"): capitalised words,
 * commas, brackets and numbers up to a dash within the first ten tokens. A place there is where the story was
 * filed, never an argument. 0 when there is none.
 */
function datelineEnd(tokens: readonly Token[]): number {
  if (lastDateline?.tokens === tokens) return lastDateline.end;
  let end = 0;
  for (let k = 1; k < Math.min(tokens.length, 10); k += 1) {
    if (DASH.test(tokens[k]!.text)) {
      end = k + 1;
      break;
    }
    if (!DATELINE_WORD.test(tokens[k]!.text)) break;
  }
  if (end > 0 && !DATELINE_WORD.test(tokens[0]!.text)) end = 0;
  lastDateline = { tokens, end };
  return end;
}

/** A node and its conjuncts: "condemned Russia and Belarus" (enhanced++ usually spreads the relation itself). */
function withConjuncts(g: SentenceGraph, nodes: readonly number[]): number[] {
  const out = new Set<number>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    for (const c of children(g, n, CONJ)) stack.push(c);
  }
  return [...out];
}

/**
 * The actors a node stands for: the mention it lies in; or, for a noun that is no actor itself, the actor
 * that owns or qualifies it: "Russia's aggression" (nmod:poss), "Iranian officials" (amod), "the U.S.
 * embassy staff" (compound), "the government of Peru" (nmod:of), "the attack by the militia" (nmod:by) — one
 * step only, so "the killing of civilians in Gaza" finds no owner in Gaza.
 */
function actorsOf(ctx: GraphRoleContext, nodes: readonly number[], owners: boolean): Mention[] {
  const g = ctx.graph;
  const out: Mention[] = [];
  const push = (m: Mention | null): void => {
    if (m && !out.includes(m)) out.push(m);
  };
  for (const n of withConjuncts(g, nodes)) {
    const m = mentionAtNode(ctx, n);
    if (m) {
      // "The Secretary and Foreign Minister Dendias condemned …", read as one name by the parser: the list it is in.
      const list = ctx.groups?.find((x) => x.members && x.start <= m.start && m.end <= x.end && x.start < m.start);
      push(list && governs(g, n, list.start, m.start) ? list : m);
      continue;
    }
    // "It condemned …", "They rejected …": the body or state that acted last.
    const node0 = g.nodes[n]!;
    if (node0.pos === 'PRP' && (node0.lemma === 'it' || node0.lemma === 'they') && ctx.pronoun) {
      push(ctx.pronoun);
      continue;
    }
    // "We, the foreign ministers of A, B and C, condemn …": the apposition names "we"; a later "we" is the same.
    if (node0.pos === 'PRP' && node0.lemma === 'we') {
      // The parser reads "We, the ministers of …, condemn" as an apposition or as a second subject of the verb.
      const siblings = g.nodes[n]!.in.filter((e) => SUBJECT(e.dep))
        .flatMap((e) => children(g, e.node, SUBJECT))
        .filter((c) => c !== n);
      const named = group([...children(g, n, APPOS), ...siblings].flatMap((c) => actorsOf(ctx, [c], true)));
      if (named) {
        ctx.onWe?.(named);
        push(named);
      } else if (ctx.we) push(ctx.we);
      continue;
    }
    // "the spokesman, Wang Lei": an apposition names the same actor.
    const ap =
      g.nodes[n]!.lemma === 'we'
        ? null
        : children(g, n, APPOS)
            .map((c) => mentionAtNode(ctx, c))
            .find((x) => x);
    if (ap) {
      push(ap);
      continue;
    }
    if (!owners) continue;
    const node = g.nodes[n]!;
    if (!node.pos.startsWith('N')) continue;
    // "Russia's annexation of Crimea": the possessor or agent is the owner; an "of"-complement only when there is none.
    const owners0 = children(g, n, OWNER);
    const strong = owners0.filter(
      (c) =>
        g.nodes[n]!.out.some((e) => e.node === c && e.dep !== 'nmod:of' && e.dep !== 'nmod:between') &&
        mentionAtNode(ctx, c),
    );
    for (const c of strong.length > 0 ? strong : owners0) push(mentionAtNode(ctx, c));
    // "fighters loyal to X", "militias allied with X": whose side they are on.
    for (const a of children(g, n, (d) => d === 'amod'))
      for (const c of children(g, a, (d) => d === 'obl:to' || d === 'obl:with')) push(mentionAtNode(ctx, c));
    // "sanctions on ten individuals and three entities in Iran": people and firms of a place stand for its state.
    if (PEOPLE_OR_FIRMS.has(node.lemma))
      for (const c of children(g, n, (d) => d === 'nmod:in' || d === 'nmod:from')) {
        const place = mentionAtNode(ctx, c);
        if (place && place.actorIds.every((id) => id.startsWith('country:'))) push({ ...place, locative: false });
      }
  }
  return out;
}

/** Whether node `n` has a dependent (two steps at most) among our tokens [from, to): the parser put them in one phrase. */
function governs(g: SentenceGraph, n: number, from: number, to: number): boolean {
  const stack: [number, number][] = [[n, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    for (const e of g.nodes[x]!.out) {
      const t = g.nodes[e.node]!.token;
      if (t >= from && t < to) return true;
      if (d < 1) stack.push([e.node, d + 1]);
    }
  }
  return false;
}

/** One mention for a list of them: "Britain, France and Germany" as one source with three members. */
function group(ms: readonly Mention[]): Mention | null {
  if (ms.length === 0) return null;
  if (ms.length === 1) return ms[0]!;
  const members = ms.flatMap((m) => m.members ?? m.actorIds.map((id) => ({ id, start: m.start, end: m.end })));
  return {
    start: Math.min(...ms.map((m) => m.start)),
    end: Math.max(...ms.map((m) => m.end)),
    actorIds: [...new Set(ms.flatMap((m) => m.actorIds))],
    locative: false,
    via: ms[0]!.via,
    members,
    ...(ms.some((m) => m.carried) ? { carried: true } : {}),
  };
}

/** The node that carries the trigger: its first verb, else its first noun, else its first node. */
function anchorOf(g: SentenceGraph, nodes: readonly number[]): number | null {
  return (
    nodes.find((n) => g.nodes[n]!.pos.startsWith('VB')) ??
    nodes.find((n) => g.nodes[n]!.pos.startsWith('NN')) ??
    nodes[0] ??
    null
  );
}

function isPassive(g: SentenceGraph, n: number): boolean {
  // "the cybercrime attributed by officials to Russia": a past participle on a noun is passive too.
  const node = g.nodes[n]!;
  return (
    children(g, n, (d) => d === 'aux:pass' || PASSIVE_SUBJECT(d)).length > 0 ||
    (node.pos === 'VBN' && node.in.some((e) => e.dep === 'acl'))
  );
}

/**
 * The agent of the act at node `n`, climbing at most `depth` governors:
 * - its subject: "Japan condemned …"; enhanced++ also gives the controller of an infinitive ("X vowed to
 *   retaliate": nsubj:xsubj) and the antecedent of a relative clause ("the ministry, which denied …");
 * - a passive's agent: "was condemned by the council";
 * - a nominal act's owner: "Moscow's denial", "the EU's sanctions", "U.S. sanctions", "condemnation by Ankara";
 * - the verb that takes a nominal act as its object: "X voiced strong condemnation", "X imposed sanctions";
 * - a participle's clause: "…, accusing Y of …" and "a statement condemning Y" (acl: the statement's issuer);
 * - a verb chain: "X refused to meet Y", "X and Y agreed to resume talks" (xcomp), "X met Y and signed …" (conj).
 */
function sourceOf(ctx: GraphRoleContext, n: number, depth: number, seen: Set<number> = new Set()): Found | null {
  const g = ctx.graph;
  if (seen.has(n) || depth < 0) return null;
  seen.add(n);
  const node = g.nodes[n]!;
  const subj = children(g, n, SUBJECT);
  if (subj.length > 0) return { nodes: subj, how: 'nsubj' };
  if (isPassive(g, n)) {
    const agent = children(g, n, (d) => d === 'obl:agent');
    if (agent.length > 0) return { nodes: agent, how: 'passive-agent' };
  }
  if (node.pos.startsWith('NN')) {
    const own = children(
      g,
      n,
      (d) => d === 'nmod:poss' || d === 'nmod:by' || d === 'nmod:agent' || d === 'compound' || d === 'amod',
    ).filter((c) => mentionAtNode(ctx, c));
    if (own.length > 0) return { nodes: own, how: 'owner' };
  }
  for (const e of node.in) {
    const gov = g.nodes[e.node]!;
    // "X expressed condemnation of Y", "X imposed fresh sanctions on Y"; a document whoever made it voices:
    // "X put out a report accusing Y", "X passed a resolution criticising Y".
    // Not "X called the allegations groundless", "X described the sanctions as illegal": a verb that characterises its object.
    const characterised = children(g, e.node, (d) => d === 'obl:as' || d === 'xcomp').some(
      (c) => !g.nodes[c]!.pos.startsWith('VB'),
    );
    // A speech verb talks about an accusation ("called the allegations baseless"); a light verb makes one ("levelled accusations").
    const speaks = SPEECH.has(gov.lemma) && !ACCUSATION_NOUNS.has(node.lemma);
    if (
      (OBJECT(e.dep) || prepOf(e.dep) !== null) &&
      node.pos.startsWith('NN') &&
      gov.pos.startsWith('VB') &&
      !characterised &&
      (LIGHT_VERBS.has(gov.lemma) || speaks || (OBJECT(e.dep) && DOCUMENTS.has(node.lemma)))
    ) {
      const up = sourceOf(ctx, e.node, depth - 1, seen);
      if (up) return { nodes: up.nodes, how: `light-verb>${up.how}`, lightVerb: e.node };
    }
    // "a statement condemning Y": the statement's issuer, or the noun's owner ("Ankara's statement condemning Y").
    if (e.dep === 'acl' && node.pos.startsWith('VB')) {
      const own = children(
        g,
        e.node,
        (d) => d === 'nmod:poss' || d === 'compound' || d === 'amod' || d === 'nmod:by',
      ).filter((c) => mentionAtNode(ctx, c));
      if (own.length > 0) return { nodes: own, how: 'acl-owner' };
      const m = mentionAtNode(ctx, e.node);
      if (m) return { nodes: [e.node], how: 'acl-head' };
      const up = sourceOf(ctx, e.node, depth - 1, seen);
      if (up) return { nodes: up.nodes, how: `acl>${up.how}` };
    }
    // "…, accusing Y of …", "Condemning the raid, X said …": a participle clause shares its main clause's agent.
    if ((e.dep === 'advcl' || e.dep.startsWith('advcl:')) && node.pos === 'VBG') {
      const up = sourceOf(ctx, e.node, depth - 1, seen);
      if (up) return { nodes: up.nodes, how: `participle>${up.how}` };
    }
    // "X refused to meet Y", "X met Y and signed …".
    if (e.dep === 'xcomp' || (CONJ(e.dep) && gov.pos.startsWith('VB') && node.pos.startsWith('VB'))) {
      const up = sourceOf(ctx, e.node, depth - 1, seen);
      if (up) return { nodes: up.nodes, how: `${e.dep === 'xcomp' ? 'xcomp' : 'conj'}>${up.how}` };
    }
  }
  return null;
}

/**
 * The one acted on at the trigger's nodes:
 * - the object: "condemned Russia"; of a passive, its subject: "Iran was sanctioned";
 * - a prepositional complement that marks the one acted on: "sanctions on X", "protested to X", "met with X";
 * - the owner of the object when the object is no actor: "condemned Russia's invasion", "rejected the claims
 *   of the Indian minister", "denied U.S. allegations";
 * - "of" after a nominal act: "condemnation of X" (an accusation noun's "of" names its maker: see `accuser`).
 */
function targetOf(
  ctx: GraphRoleContext,
  trigger: readonly number[],
  anchor: number,
  accusationNoun: boolean,
  relation: RelationName,
  lightVerb: number | null,
  isAct?: (node: number) => boolean,
): Found | null {
  const g = ctx.graph;
  const direct: number[] = [];
  const viaPrep: number[] = [];
  const preps = targetPreps(relation);
  for (const n of trigger) {
    const node = g.nodes[n]!;
    for (const e of node.out) {
      if (trigger.includes(e.node)) continue;
      // "discussed Ukraine", "negotiated a deal": what is discussed is a topic, never the one met.
      if ((OBJECT(e.dep) && !TOPIC_OBJECT_VERBS.has(node.lemma)) || (PASSIVE_SUBJECT(e.dep) && n === anchor))
        direct.push(e.node);
      const p = prepOf(e.dep);
      if (p && (preps.has(p) || (p === 'of' && node.pos.startsWith('NN') && !accusationNoun))) viaPrep.push(e.node);
    }
  }
  // "X imposed sanctions on Y", "X filed a lawsuit against Y": the phrase may hang from the verb that lends the act its agent.
  if (lightVerb !== null) {
    for (const e of g.nodes[lightVerb]!.out) {
      const p = prepOf(e.dep);
      if (p && preps.has(p) && !trigger.includes(e.node)) viaPrep.push(e.node);
      if (e.dep === 'iobj') direct.push(e.node);
    }
  }
  // "expressed regret over Tokyo's decision", "concern about China's drills": a judgement's topic, as a last resort.
  if (direct.length === 0 && viaPrep.length === 0 && JUDGEMENTS.has(relation)) {
    for (const n of [...trigger, ...(lightVerb !== null ? [lightVerb] : [])])
      for (const e of g.nodes[n]!.out) {
        const p = prepOf(e.dep);
        if (p && TOPIC_PREPS.has(p) && !trigger.includes(e.node)) viaPrep.push(e.node);
      }
  }
  // "X discussed Libya with Y": a meeting's object is its topic when someone is met "with".
  if (relation === 'MEETS') {
    const withWhom = viaPrep.filter(
      (n) => actorsOf(ctx, [n], false).length > 0 && g.nodes[n]!.in.some((e) => e.dep.endsWith(':with')),
    );
    if (withWhom.length > 0) return { nodes: withWhom, how: 'prep' };
  }
  const directActors = actorsOf(ctx, direct, false);
  if (directActors.length > 0) return { nodes: direct.filter((n) => actorsOf(ctx, [n], false).length > 0), how: 'obj' };
  const prepActors = viaPrep.filter((n) => actorsOf(ctx, [n], false).length > 0);
  if (prepActors.length > 0) return { nodes: prepActors, how: 'prep' };
  // "backed the castigation of X": supporting an act against X is no support of X.
  const owned = [...direct, ...viaPrep].filter(
    (n) => actorsOf(ctx, [n], true).length > 0 && !(COOPERATIVE.has(relation) && isAct?.(n)),
  );
  if (owned.length > 0) return { nodes: owned, how: 'owner-of-object' };
  return null;
}

/** "the accusations of X", "X's claims": who made the accusation a denial answers (its target). */
function accuser(ctx: GraphRoleContext, n: number): number[] {
  return children(
    ctx.graph,
    n,
    (d) =>
      d === 'nmod:of' || d === 'nmod:poss' || d === 'nmod:by' || d === 'compound' || d === 'amod' || d === 'nmod:from',
  ).filter((c) => mentionAtNode(ctx, c));
}

/** Whether the act at `n` is what an alleging act alleges: "accused X of hacking Y", "denied that it attacked Y". */
function alleged(ctx: GraphRoleContext, n: number, triggerOf: (node: number) => Trigger | undefined): boolean {
  const g = ctx.graph;
  for (const e of g.nodes[n]!.in) {
    if (!(
      e.dep === 'ccomp' ||
      e.dep.startsWith('advcl:') ||
      e.dep.startsWith('acl:of') ||
      e.dep === 'acl' ||
      e.dep.startsWith('nmod:of') ||
      e.dep.startsWith('obl:of') ||
      e.dep.startsWith('advcl:for') ||
      e.dep.startsWith('obl:for')
    ))
      continue;
    const gov = triggerOf(e.node);
    if (gov && gov.role === 'act' && ALLEGING.has(gov.relation)) return true;
  }
  return false;
}

/** Negation and modality from the act's own dependents, and from the clause it sits in ("if X attacks …"). */
function modality(
  ctx: GraphRoleContext,
  nodes: readonly number[],
  anchor: number,
  tr: Trigger,
): { negated: boolean; hypothetical: boolean } {
  const g = ctx.graph;
  // A chain already read its negation ("refused to meet", "will not release": REJECTS).
  const composed = tr.pattern.includes('>');
  const own = composed ? [anchor] : nodes;
  let negated = false;
  let hypothetical = false;
  for (const n of own) {
    for (const c of children(g, n, (d) => d === 'advmod' || d === 'det' || d === 'cc:preconj' || d === 'neg'))
      if (NEGATORS.has(g.nodes[c]!.lemma)) negated = true;
  }
  if (tr.pattern.startsWith('not >')) negated = false;
  const future = INHERENTLY_FUTURE.has(tr.relation) || /^(?:will|would|shall) /.test(tr.pattern);
  for (const c of children(g, anchor, (d) => d === 'aux' || d === 'mark')) {
    const l = g.nodes[c]!.lemma;
    if (CONDITIONS.has(l)) hypothetical = true;
    else if (!future && MODALS.has(l) && l !== 'must') hypothetical = true;
  }
  // "… if Y attacks": an act inside a condition clause, up two governors; a nominal act from its verb ("if the US holds drills").
  let at = anchor;
  if (g.nodes[anchor]!.pos.startsWith('NN')) {
    const verb = g.nodes[anchor]!.in.find(
      (e) => (OBJECT(e.dep) || e.dep.startsWith('obl')) && g.nodes[e.node]!.pos.startsWith('VB'),
    );
    if (verb) {
      at = verb.node;
      for (const c of children(g, at, (d) => d === 'aux' || d === 'mark')) {
        const l = g.nodes[c]!.lemma;
        if (CONDITIONS.has(l) || (!future && MODALS.has(l) && l !== 'must')) hypothetical = true;
      }
    }
  }
  for (let up = 0; up < 2 && !hypothetical; up += 1) {
    const e = g.nodes[at]!.in.find((x) => x.dep.startsWith('advcl') || x.dep === 'ccomp' || x.dep === 'xcomp');
    if (!e) break;
    if (
      e.dep.startsWith('advcl') &&
      children(g, at, (d) => d === 'mark').some((c) => CONDITIONS.has(g.nodes[c]!.lemma))
    )
      hypothetical = true;
    at = e.node;
  }
  return { negated, hypothetical };
}

/**
 * Source and target of each act trigger of a sentence, from the graph. Triggers whose nodes the graph lacks
 * (none of their tokens parsed) are left out: the caller decides what reads them instead.
 */
export function assignGraphRoles(
  ctx: GraphRoleContext,
  triggers: readonly Trigger[],
): { assigned: RoleAssignment[]; read: Set<Trigger>; refused: Set<Trigger> } {
  const g = ctx.graph;
  const out: RoleAssignment[] = [];
  const read = new Set<Trigger>();
  /** Triggers the graph shows to be no event (no other reading may make one of them). */
  const refused = new Set<Trigger>();
  const nodeTrigger = new Map<number, Trigger>();
  for (const tr of triggers)
    for (const n of nodesIn(g, tr.start, tr.end)) if (!nodeTrigger.has(n)) nodeTrigger.set(n, tr);
  const triggerOf = (n: number): Trigger | undefined => nodeTrigger.get(n);
  // A headline in title case ("U.S. Announces Sanctions Against Iran") is tagged as proper nouns throughout.
  const words = ctx.tokens.filter((t) => /^\p{L}/u.test(t.text));
  const titleCase = words.length > 0 && words.filter((t) => /^\p{Lu}/u.test(t.text)).length >= 0.6 * words.length;
  for (const tr of triggers) {
    if (tr.role !== 'act') continue;
    const nodes = nodesIn(g, tr.start, tr.end);
    const anchor = anchorOf(g, nodes);
    if (anchor === null) continue;
    read.add(tr);
    const node = g.nodes[anchor]!;
    // "on March 28", "the Strike Group": a proper noun or a date names something, it reports no act.
    // "accused X of hacking Y": what is alleged is no event of its own.
    // "Y must end the attacks": whoever says it requests it of Y (modalDemands), Y requests nothing.
    if (
      (node.pos.startsWith('NNP') && !titleCase) ||
      node.ner === 'DATE' ||
      alleged(ctx, anchor, triggerOf) ||
      /^(?:must|should) >/.test(tr.pattern)
    ) {
      refused.add(tr);
      continue;
    }
    const nominal = node.pos.startsWith('NN');
    const accusationNoun = nominal && (ACCUSATION_NOUNS.has(node.lemma) || tr.relation === 'ACCUSES');
    const f = modality(ctx, nodes, anchor, tr);
    // Source.
    const src = sourceOf(ctx, anchor, 3);
    let source = src ? group(actorsOf(ctx, src.nodes, true)) : null;
    let how = src?.how ?? '';
    if (!source) {
      // "…, the ministry said", "according to X": what a speaker says with no agent of its own is the speaker's.
      // Not a nominal act without an agent of its own ("responded to threats by …"): whose act it is, the graph does not say.
      const speaker = nominal ? null : ctx.speakerAt(tr.start);
      if (speaker) {
        source = speaker;
        how = 'speaker';
      } else if (isPassive(g, anchor) && ctx.docVoice) {
        // "The ambassador was summoned" in a ministry's release: the issuer did it.
        source = { start: tr.start, end: tr.end, actorIds: [ctx.docVoice], locative: false, via: 'author' };
        how = 'passive-voice';
      } else if (
        ctx.previous &&
        node.pos.startsWith('VB') &&
        !node.in.some((e) => e.dep === 'acl' || e.dep.startsWith('acl:') || e.dep === 'amod') &&
        (!src || src.nodes.every((n) => DISCOURSE_NOUNS.has(g.nodes[n]!.lemma)))
      ) {
        // "The ministry said Tokyo had lied. It also urged …" is read above ("it"); "The statement also urged
        // Tokyo to …", "The measures target …", "Additionally, (it) called on …": the voice of the sentence
        // before goes on.
        source = ctx.previous;
        how = 'previous-voice';
      }
    }
    if (!source) continue;
    // Target.
    let target: Mention | null = null;
    let thow = '';
    if (tr.relation === 'DENIES' || tr.relation === 'REJECTS') {
      // "X rejected the claims of Y", "X dismissed Y's accusations": the accuser is the target.
      const objs = nodes.flatMap((n) => children(g, n, (d) => OBJECT(d) || (isPassive(g, n) && PASSIVE_SUBJECT(d))));
      const acc = objs
        .filter((o) => ACCUSATION_NOUNS.has(g.nodes[o]!.lemma) || nodeTrigger.get(o)?.relation === 'ACCUSES')
        .flatMap((o) => accuser(ctx, o));
      const inside = nodes.filter((n) => n !== anchor && mentionAtNode(ctx, n));
      const t = acc.length > 0 ? acc : inside;
      if (t.length > 0) {
        target = group(actorsOf(ctx, t, false));
        thow = 'accuser';
      }
    }
    if (!target) {
      // An accusation noun names its maker by "of"/"by"/possessive, its target by "against": "charges against X".
      const t = targetOf(
        ctx,
        nodes,
        anchor,
        Boolean(accusationNoun && nominal),
        tr.relation,
        src?.lightVerb ?? null,
        (n) => nodeTrigger.has(n) && nodeTrigger.get(n) !== tr,
      );
      if (t) {
        target = group(actorsOf(ctx, t.nodes, t.how === 'owner-of-object'));
        thow = t.how;
      }
    }
    if (
      target &&
      source.actorIds.every((id) => target!.actorIds.includes(id)) &&
      target.actorIds.every((id) => source!.actorIds.includes(id))
    )
      target = null;
    // The source is the subject noun's owner and the target the same mention ("Russia's attack on Russia") is no event.
    // A dictionary verb is an act only with both its actors in the graph.
    if (!target && tr.pattern.startsWith('petrarch:')) continue;
    if (!target) {
      const reciprocal = RECIPROCAL.has(tr.relation) && source.actorIds.length >= 2;
      // "X condemned the attack": a judgement with no one named is aimed at the source's opponent; a nominal one
      // only as a verb's object, not "a statement of condemnation".
      const open =
        OPEN_TARGET.has(tr.relation) &&
        (!nominal || node.in.some((e) => OBJECT(e.dep))) &&
        // "denied the allegations", "denied that …": a denial of an accusation; "denies its citizens their rights" is none.
        !(
          tr.relation === 'DENIES' &&
          nodes.some((n) =>
            children(g, n, OBJECT).some(
              (o) => !ACCUSATION_NOUNS.has(g.nodes[o]!.lemma) && nodeTrigger.get(o)?.relation !== 'ACCUSES',
            ),
          )
        );
      if (!reciprocal && !open) continue;
    }
    // The source and the target found from one mention (a possessive read both ways) are not two actors.
    if (target && target.start === source.start && target.end === source.end) continue;
    out.push({ trigger: tr, source, target, ...f, rule: `graph:${how}>${target ? thow : 'none'}:${tr.pattern}` });
  }
  out.push(...modalDemands(ctx));
  out.push(...phoneCalls(ctx, nodeTrigger));
  return { assigned: out, read, refused };
}

const DEMAND_MODALS = new Set(LEXICON.demandModals);

/**
 * "X said Y must withdraw its troops", "X insists that Y should stop the tests": a speaker's demand on the
 * subject of a clause with "must"/"should" is a request from the speaker to that subject, whatever is
 * demanded. The speaker is the subject of the speech verb the clause is the complement of.
 */
function modalDemands(ctx: GraphRoleContext): RoleAssignment[] {
  const g = ctx.graph;
  const out: RoleAssignment[] = [];
  for (const node of g.nodes) {
    if (!DEMAND_MODALS.has(node.lemma) || node.pos !== 'MD') continue;
    const verb = parents(g, node.id, (d) => d === 'aux')[0];
    if (verb === undefined) continue;
    const speech = parents(g, verb, (d) => d === 'ccomp' || d === 'parataxis' || d === 'dep')[0];
    // "The US should stop its smears." in a statement or a speaker's answer: the voice demands it.
    const rootClause = speech === undefined && g.nodes[verb]!.in.length === 0;
    const voiced = rootClause
      ? (ctx.speakerAt(node.token) ??
        (ctx.docVoice
          ? {
              start: node.token,
              end: node.token + 1,
              actorIds: [ctx.docVoice],
              locative: false,
              via: 'author' as const,
            }
          : null))
      : null;
    if (!voiced && (speech === undefined || !SPEECH.has(g.nodes[speech]!.lemma))) continue;
    const source = voiced ?? group(actorsOf(ctx, children(g, speech!, SUBJECT), true)) ?? ctx.speakerAt(node.token);
    // "Russia says Israel must end …" is sometimes parsed with the clause's subject as the object of "says" (a
    // speech verb takes no actor as its object): it is still the one asked.
    const subject = children(g, verb, (d) => SUBJECT(d) || PASSIVE_SUBJECT(d));
    const misread =
      subject.length === 0 && speech !== undefined && g.nodes[speech]!.lemma === 'say'
        ? children(g, speech, OBJECT)
        : [];
    const target = group(actorsOf(ctx, subject.length > 0 ? subject : misread, true));
    if (!source || !target || source.actorIds.some((id) => target.actorIds.includes(id))) continue;
    const negated = children(g, verb, (d) => d === 'advmod').some((c) => NEGATORS.has(g.nodes[c]!.lemma));
    const tr: Trigger = {
      relation: 'REQUESTS',
      role: 'act',
      chain: null,
      start: node.token,
      end: node.token + 1,
      weight: 1,
      pattern: node.lemma,
    };
    out.push({
      trigger: tr,
      source,
      target,
      negated: false,
      hypothetical: false,
      rule: `graph:speech-subject>modal-subject:${node.lemma}${negated ? '-not' : ''}`,
    });
  }
  return out;
}

let verbRelations: Map<string, RelationName | null> | null = null;

/**
 * Verbs of the PETRARCH2 CAMEO dictionary (data/petrarch/verbs.tsv) with a relation, as triggers of the graph
 * path: "Ottawa expelled two diplomats", "the militia abducted aid workers" where our lexicon has no entry.
 * Left out: speech and feeling verbs the dictionary files under criticism ("claim", "argue", "lament",
 * "mourn") — without its patterns they report words, not acts — and verbs with senses of different relations.
 */
function verbRelation(lemma: string): RelationName | null {
  verbRelations ??= new Map();
  if (verbRelations.has(lemma)) return verbRelations.get(lemma)!;
  let rel: RelationName | null = null;
  if (!SPEECH.has(lemma) && !NOT_ACTS.has(lemma)) {
    const rels = new Set(
      loadPetrarchDicts()
        .verbs(lemma)
        .filter((v) => v.lemma === lemma)
        .map((v) => v.relation),
    );
    rel = rels.size === 1 ? ([...rels][0] ?? null) : null;
  }
  // Lemmas of hostile input are unbounded: the memo is.
  if (verbRelations.size < 50_000) verbRelations.set(lemma, rel);
  return rel;
}

const NOT_ACTS = new Set(LEXICON.dictionaryVerbsNotActs);

/** Verb nodes of a parsed sentence that the dictionary makes acts and no trigger of ours covers. */
export function dictionaryTriggers(g: SentenceGraph, covered: (token: number) => boolean): Trigger[] {
  const out: Trigger[] = [];
  for (const node of g.nodes) {
    if (!node.pos.startsWith('VB') || node.token < 0 || covered(node.token)) continue;
    const relation = verbRelation(node.lemma);
    if (!relation) continue;
    out.push({
      relation,
      role: 'act',
      chain: null,
      start: node.token,
      end: node.token + 1,
      weight: 1,
      pattern: `petrarch:${node.lemma}`,
    });
  }
  return out;
}

/**
 * "Macron called Biden on Tuesday", "the minister called his Kenyan counterpart": "call" with an actor as its
 * only object is a telephone call, a meeting. Not "called X a liar" (a second predicate), "called for",
 * "called on" (their own triggers) or "called X to …".
 */
function phoneCalls(ctx: GraphRoleContext, taken: ReadonlyMap<number, Trigger>): RoleAssignment[] {
  const g = ctx.graph;
  const out: RoleAssignment[] = [];
  for (const node of g.nodes) {
    if (node.lemma !== 'call' || !node.pos.startsWith('VB') || taken.has(node.id) || node.token < 0) continue;
    // "called him a liar", "called it unacceptable": a predicate after the object (a noun or adjective xcomp).
    if (children(g, node.id, (d) => d === 'ccomp' || d === 'xcomp').some((c) => !g.nodes[c]!.pos.startsWith('VB')))
      continue;
    const objs = children(g, node.id, OBJECT);
    if (objs.length !== 1 || isPassive(g, node.id)) continue;
    const target = group(actorsOf(ctx, objs, false));
    const src = sourceOf(ctx, node.id, 2);
    const source = src ? group(actorsOf(ctx, src.nodes, true)) : null;
    if (!source || !target || source.actorIds.some((id) => target.actorIds.includes(id))) continue;
    const tr: Trigger = {
      relation: 'MEETS',
      role: 'act',
      chain: null,
      start: node.token,
      end: node.token + 1,
      weight: 1,
      pattern: 'call/VERB',
    };
    out.push({
      trigger: tr,
      source,
      target,
      negated: false,
      hypothetical: false,
      rule: `graph:${src!.how}>obj:phone-call`,
    });
  }
  return out;
}
