/**
 * Who does what to whom in one sentence: speech frames (the speaker is the source of what is said),
 * passive voice, subjects and objects of triggers, negation and hypotheticals.
 */
import { relationsOfClass, type RelationName } from '../ontology.ts';
import { LEXICON } from './data.ts';
import { stateOfId } from './ids.ts';
import type { Mention } from './mentions.ts';
import type { Token } from './nlp.ts';
import type { Trigger } from './triggers.ts';

export interface Frame {
  speaker: Mention;
  verb: number;
  from: number;
  to: number;
}

/** A triple found in a sentence; `target` null means "the source's opponent", resolved per article. */
export interface RoleAssignment {
  trigger: Trigger;
  source: Mention;
  target: Mention | null;
  negated: boolean;
  hypothetical: boolean;
  rule: string;
}

const SPEECH = new Set(LEXICON.speechVerbs);
const NEGATION = new Set(LEXICON.negationWords);
const HYPOTHETICAL = new Set(LEXICON.hypotheticalWords);
const OBJECT_MARKERS = new Set(LEXICON.objectMarkers);
const SUBJECT_GAP_WORDS = new Set(LEXICON.subjectGapWords);
/** A number or an adverb between an actor and its verb: "Japan on 12 May strongly condemned …". */
const NUMBER_OR_ADVERB = /^(?:\d+|\w+ly)$/i;
const TOPIC_MARKERS = new Set(LEXICON.topicMarkers);
const window = 6;
const ACCUSATION_LINK = new Set(LEXICON.accusationLinks);
// Patterns tested once or more per trigger or mention live here: a regular expression literal inside a function is a new object each time it runs.
/** A token that opens a quotation. */
export const OPENING_QUOTE = /^[“"‘']/;
const CLOSING_PUNCT = /^[,”"’]$/;
const PARTICIPLE_ENDING = /(?:ed|en|wn|ught|ld)$/;
const PASSIVE_GAP_WORDS = new Set(LEXICON.passiveGapWords);
/** "was also strongly condemned": an adverb inside a passive. */
const ADVERB = /^\w+ly$/i;
const OUR_MY = new Set(LEXICON.firstPersonPossessives);
const AND_OR = /^(?:and|or)$/;
const DETERMINER = new Set(LEXICON.determiners);
const FUTURE_PATTERN = /^(?:will|would) /;
const POSSESSIVE_MARK = /^(?:'s|’s|')$/;
const QUOTE_MARK = /^[“"‘'”’]$/;
const NOMINAL_POS = /^(?:DET|NOUN|PROPN|ADJ|NUM|PRON)$/;
const AUXILIARY_POS = /^(?:AUX|ADV|PART)$/;
const RELATIVE_PRONOUN = new Set(LEXICON.relativePronouns);
const NOUN_MODIFIER_POS = /^(?:ADJ|ADV|PUNCT|PART|CCONJ)$/;
const AND_COMMA = new Set(LEXICON.coordinators);
const ING = /ing$/;
const PARTICIPLE_CLAUSE = new Set(LEXICON.participleClauseOpeners);
const ED_EN = /(?:ed|en)$/;
const BE_FORM = new Set(LEXICON.beForms);
const CLAUSE_CONJUNCTION = new Set(LEXICON.clauseConjunctions);
const VERB_POS = /^(?:AUX|VERB)$/;
/** Acts whose object is what they allege: "accused X of …", "sanctioned X for …". */
const ALLEGING = relationsOfClass('alleging');
/** Judgements that may stand without a target (it is then the source's opponent). */
const JUDGING = relationsOfClass('judging');
const JUDGING_OR_SUPPORTING = relationsOfClass('open-target');

/** "accused Beijing of carrying out the attack": the attack is what is alleged, not an event. */
function insideAccusation(tokens: readonly Token[], triggers: readonly Trigger[], tr: Trigger): boolean {
  return triggers.some((o) => {
    if (o === tr || o.start >= tr.start || tr.start - o.end > 10) return false;
    // "sanctioned X for providing support to Y", "condemned X for attacking Y": the reason is alleged too.
    if (o.role !== 'act' || !ALLEGING.has(o.relation)) return false;
    let link = false;
    for (let k = o.end; k < tr.start; k += 1) {
      const w = tokens[k]!.lower;
      if (w === 'and' || w === ';') return false;
      link ||= ACCUSATION_LINK.has(w);
    }
    return link;
  });
}

/** "the US allegations", "allegations by Washington": a nominal accusation with its maker named. */
function explicitAgent(tokens: readonly Token[], groups: readonly Mention[], tr: Trigger): boolean {
  const before = groups.find(
    (m) => m.end === tr.start || (m.end === tr.start - 1 && POSSESSIVE_MARK.test(tokens[m.end]?.text ?? '')),
  );
  const by = tokens[tr.end]?.lower === 'by' || tokens[tr.end]?.lower === 'from';
  return !!before || by;
}

const ACCUSATION_WORDS = new Set(LEXICON.accusationNouns);

/**
 * With no target in the sentence, may the source's opponent be meant? A noun trigger only as the object of a
 * verb ("offered solidarity", not "a statement of condemnation"); a denial only of an accusation ("denied the
 * allegations", not "denies its own citizens"); support only without an object of its own ("backed up the castigation").
 */
function opponentImplied(tokens: readonly Token[], tr: Trigger): boolean {
  if (tokens[tr.start]?.pos === 'NOUN') {
    let k = tr.start - 1;
    while (k >= 0 && (tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'ADV' || QUOTE_MARK.test(tokens[k]!.text))) k -= 1;
    return tokens[k]?.pos === 'VERB' || tokens[k]?.pos === 'AUX';
  }
  const next = tokens[tr.end];
  if (!next || next.pos === 'PUNCT') return true;
  if (tr.relation === 'DENIES')
    return tokens.slice(tr.start + 1, tr.end + 4).some((t) => ACCUSATION_WORDS.has(t.lower));
  if (tr.relation === 'SUPPORTS') return !NOMINAL_POS.test(next.pos);
  return true;
}

/** Acts two parties do together: coordinated actors with no object act on each other. */
export const RECIPROCAL: ReadonlySet<RelationName> = relationsOfClass('reciprocal');
/** Nouns whose infinitive names an aim, not an act: "efforts to", "a bid to". */
const AIM_NOUNS = new Set(LEXICON.aimNouns);

const INHERENTLY_FUTURE = relationsOfClass('future');

function isSpeechVerb(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || !SPEECH.has(t.lemma)) return false;
  return t.pos === 'VERB' || t.pos === 'AUX' || t.lower === 'said' || t.lower === 'says';
}

function nearestLeft(groups: readonly Mention[], before: number, from: number): Mention | undefined {
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const m = groups[g]!;
    if (m.end <= before && m.start >= from) return m;
  }
  return undefined;
}

/**
 * The frames found last, with the mention list and tokens they were read from (neither is ever changed):
 * a sentence asks for the frames of the same groups several times in a row.
 */
let lastFrames: { tokens: readonly Token[]; groups: readonly Mention[]; frames: Frame[] } | null = null;

/** Speech frames: "X said …", "…, X said", "said X", "according to X", "X told reporters". */
export function findFrames(tokens: readonly Token[], groups: readonly Mention[]): Frame[] {
  if (lastFrames && lastFrames.groups === groups && lastFrames.tokens === tokens) return lastFrames.frames;
  const frames = readFrames(tokens, groups);
  lastFrames = { tokens, groups, frames };
  return frames;
}

function gapIsSubjectGap(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k += 1)
    if (!SUBJECT_GAP_WORDS.has(tokens[k]!.text.toLowerCase()) && !NUMBER_OR_ADVERB.test(tokens[k]!.text)) return false;
  return true;
}

function wordsAfter(tokens: readonly Token[], from: number): number {
  let n = 0;
  for (let k = from; k < tokens.length; k += 1) if (tokens[k]!.pos !== 'PUNCT') n += 1;
  return n;
}

/** The first group starting at a token in [lo, hi]. */
function firstStartingIn(groups: readonly Mention[], lo: number, hi: number): Mention | undefined {
  for (const m of groups) if (m.start >= lo && m.start <= hi) return m;
  return undefined;
}

// No closure in the token loop captures `k`: that would allocate a scope for every token.
function readFrames(tokens: readonly Token[], groups: readonly Mention[]): Frame[] {
  const frames: Frame[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    if (tokens[k]?.lower === 'according' && tokens[k + 1]?.lower === 'to') {
      const sp = firstStartingIn(groups, k + 2, k + 3);
      if (sp) frames.push({ speaker: sp, verb: k, from: 0, to: tokens.length });
      continue;
    }
    if (!isSpeechVerb(tokens, k)) continue;
    const left = nearestLeft(groups, k, 0);
    const leftOk = left && !left.locative && gapIsSubjectGap(tokens, left.end, k);
    if (left && leftOk) {
      // "…,” Chinese foreign ministry spokesman Wang Lei said": the speaker's phrase may be two mentions (a body, then its official).
      let lead = left.start;
      for (let g = groups.length - 1; g >= 0; g -= 1)
        if (groups[g]!.end === lead && !groups[g]!.locative) lead = groups[g]!.start;
      const before = tokens[lead - 1]?.lower === 'the' ? tokens[lead - 2] : tokens[lead - 1];
      // "…, X said (in a statement)." closes the sentence; "In a statement, X said …" opens it.
      const trailing = lead > 2 && !!before && CLOSING_PUNCT.test(before.text) && wordsAfter(tokens, k + 1) <= 6;
      frames.push(
        trailing
          ? { speaker: left, verb: k, from: 0, to: lead }
          : { speaker: left, verb: k + 1, from: k + 1, to: tokens.length },
      );
      continue;
    }
    const right = firstStartingIn(groups, k + 1, k + 2);
    if (right && k > 1 && CLOSING_PUNCT.test(tokens[k - 1]?.text ?? ''))
      frames.push({ speaker: right, verb: k, from: 0, to: k - 1 });
  }
  return frames;
}

function isPassive(tokens: readonly Token[], tr: Trigger): boolean {
  const t = tokens[tr.start];
  if (!t || !PARTICIPLE_ENDING.test(t.lower) || t.pos === 'NOUN') return false;
  if (tokens[tr.end]?.lower === 'by' && tr.start > 0 && tokens[tr.start - 1]?.pos === 'NOUN') return true;
  for (let k = tr.start - 1; k >= Math.max(0, tr.start - 3); k -= 1) {
    const w = tokens[k]!;
    if (w.lemma === 'be' || w.lower === 'been' || w.lower === 'being' || w.lower === 'get') return true;
    if (!PASSIVE_GAP_WORDS.has(w.lower) && !ADVERB.test(w.lower)) return false;
  }
  return false;
}

/** "the Microsoft hack": a name modifying a noun is not an argument. */
function modifier(tokens: readonly Token[], m: Mention): boolean {
  // "our support": a possessive pronoun is the owner of what follows, i.e. its agent.
  if (m.via === 'author' && OUR_MY.has((tokens[m.start]?.text ?? '').toLowerCase())) return false;
  const next = tokens[m.end];
  return !!next && next.pos === 'NOUN' && !AND_OR.test(next.lower);
}

function objectLike(tokens: readonly Token[], m: Mention): boolean {
  let k = m.start - 1;
  while (k >= 0 && DETERMINER.has(tokens[k]!.lower)) k -= 1;
  const t = tokens[k];
  if (!t) return false;
  return OBJECT_MARKERS.has(t.lower) || (t.pos === 'VERB' && !SPEECH.has(t.lemma));
}

/** Whether the lower-cased token of any k in [from, to) is in `words`. */
function anyIn(tokens: readonly Token[], from: number, to: number, words: ReadonlySet<string>): boolean {
  for (let k = from; k < to; k += 1) if (words.has(tokens[k]!.lower)) return true;
  return false;
}

const CONDITION_WORDS = new Set(LEXICON.conditionWords);
const CONDITION_OR_MODAL_WORDS = new Set([...LEXICON.conditionWords, ...LEXICON.hypotheticalModals]);
/** What ends a condition's clause before the act: "if the US holds drills, the DPRK will …". */
const CLAUSE_BREAKS = new Set(LEXICON.clauseBreaks);

function flags(tokens: readonly Token[], tr: Trigger, from: number): { negated: boolean; hypothetical: boolean } {
  const negated = anyIn(tokens, Math.max(from, tr.start - 4), tr.start, NEGATION);
  const hypothetical =
    !INHERENTLY_FUTURE.has(tr.relation) &&
    !FUTURE_PATTERN.test(tr.pattern) &&
    anyIn(tokens, Math.max(from, tr.start - 3), tr.start, HYPOTHETICAL);
  // "… would respond if the US holds drills", "would under no circumstances be used to strike": an act
  // inside a condition, or under a modal of the same clause, has not happened (within 10 tokens before it).
  const words = INHERENTLY_FUTURE.has(tr.relation) ? CONDITION_WORDS : CONDITION_OR_MODAL_WORDS;
  const lo = Math.max(from, tr.start - 10);
  let cond = tr.start - 1;
  while (cond >= lo && !words.has(tokens[cond]!.lower)) cond -= 1;
  const conditional = cond >= lo && !anyIn(tokens, cond, tr.start, CLAUSE_BREAKS);
  return { negated, hypothetical: hypothetical || conditional };
}

/** The last item that satisfies `test`, without copying the list (Array.prototype.findLast is beyond ES2022). */
function lastOf<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let k = items.length - 1; k >= 0; k -= 1) if (test(items[k]!)) return items[k];
  return undefined;
}

export function frameOf(frames: readonly Frame[], k: number): Frame | undefined {
  return frames
    .filter((f) => k >= f.from && k < f.to && k !== f.verb)
    .sort((a, b) => Math.abs(a.verb - k) - Math.abs(b.verb - k))[0];
}

/** Another act between the trigger and mention `m`: `m` is that act's argument. */
function interveningTrigger(triggers: readonly Trigger[], tr: Trigger, m: Mention): boolean {
  return triggers.some((o) => o !== tr && o.start >= tr.end && o.start < m.start && o.role === 'act');
}

/**
 * ", and the Secretary expressed …": a new clause, not the object.
 * "If the U.S. holds drills, the DPRK will counter": after a comma, a mention followed by its verb starts a clause.
 * (Module functions, not closures per trigger: under tsx's keepNames every named closure is renamed when made.)
 */
function newClause(tokens: readonly Token[], tr: Trigger, m: Mention): boolean {
  return (
    tokens
      .slice(tr.end, m.start)
      .some((t, k, all) => (t.text === ',' && CLAUSE_CONJUNCTION.has(all[k + 1]?.lower ?? '')) || t.text === ';') ||
    (tokens.slice(tr.end, m.start).some((t) => t.text === ',') &&
      VERB_POS.test(tokens[m.end]?.pos ?? '') &&
      !ING.test(tokens[m.end]?.lower ?? ''))
  );
}

/** Finds source and target of each trigger. `inherited` is the speaker carried over from a quote. */
export function assignRoles(
  tokens: readonly Token[],
  groups: readonly Mention[],
  triggers: readonly Trigger[],
  inherited: Mention | null,
  docVoice: string | null = null,
): RoleAssignment[] {
  const frames = findFrames(tokens, groups);
  const out: RoleAssignment[] = [];
  const agents: { at: number; agent: Mention }[] = [];
  const startsWithQuote = OPENING_QUOTE.test(tokens[0]?.text ?? '');
  for (const tr of triggers) {
    const frame = frameOf(frames, tr.start);
    const speaker = frame?.speaker ?? (startsWithQuote && frames.length === 0 ? inherited : null);
    const from = frame?.from ?? 0;
    const to = frame?.to ?? tokens.length;
    const f = flags(tokens, tr, from);
    const leftAll = groups.filter((m) => m.end <= tr.start && m.start >= from && !m.locative && !modifier(tokens, m));
    if (insideAccusation(tokens, triggers, tr)) continue;
    const subject = lastOf(leftAll, (m) => !objectLike(tokens, m));
    const nominal = tokens[tr.start]?.pos === 'NOUN';
    const right = groups.find(
      (m) => m.start >= tr.end && m.start < to && m.start - tr.end <= window && !m.locative && !modifier(tokens, m),
    );
    const prepAt = right ? (tokens[right.start - 1]?.lower === 'the' ? right.start - 2 : right.start - 1) : -1;
    // The trigger's own particle ("called in X") is not a topic preposition.
    const prepBefore = prepAt >= tr.end ? tokens[prepAt]?.lower : undefined;
    // "dismissed U.S. accusations": the accuser named inside a denial is its target.
    const inside =
      tr.relation === 'DENIES' || tr.relation === 'REJECTS'
        ? groups.find((m) => m.start > tr.start && m.end < tr.end && !m.locative)
        : undefined;
    const rightOk =
      inside ??
      (right &&
      !interveningTrigger(triggers, tr, right) &&
      !newClause(tokens, tr, right) &&
      !(prepBefore && TOPIC_MARKERS.has(prepBefore))
        ? right
        : undefined);
    if (tr.role === 'act') {
      if (isPassive(tokens, tr)) {
        const byAt = tokens.slice(tr.end, tr.end + 4).findIndex((t) => t.lower === 'by');
        const agent =
          byAt >= 0 ? groups.find((m) => m.start > tr.end + byAt && m.start <= tr.end + byAt + 2) : undefined;
        const patient = leftAll[leftAll.length - 1];
        // "The ambassador was summoned": with no agent in the text, the document's voice did it.
        const voice =
          !agent && !speaker && docVoice && !patient?.actorIds.includes(docVoice)
            ? { start: tr.start, end: tr.end, actorIds: [docVoice], locative: false, via: 'author' as const }
            : undefined;
        const src = agent ?? speaker ?? voice;
        if (src && patient)
          out.push({
            trigger: tr,
            source: src,
            target: patient,
            ...f,
            rule: `${agent ? 'passive:by' : speaker ? 'passive:speaker' : 'passive:voice'}:${tr.pattern}`,
          });
        continue;
      }
      // "X are among a group facing criminal charges": X is charged, by whoever reports it.
      if (
        nominal &&
        tr.relation === 'CHARGES' &&
        tokens.slice(Math.max(0, tr.start - 3), tr.start).some((t) => /^fac(?:e|es|ing|ed)$/.test(t.lower))
      ) {
        const voice = docVoice
          ? { start: tr.start, end: tr.end, actorIds: [docVoice], locative: false, via: 'author' as const }
          : undefined;
        const src = speaker ?? voice;
        if (src && subject && src !== subject)
          out.push({ trigger: tr, source: src, target: subject, ...f, rule: `face-charges:${tr.pattern}` });
        continue;
      }
      if (nominal && (tr.relation === 'ACCUSES' || tr.relation === 'DENIES') && !explicitAgent(tokens, groups, tr))
        continue;
      // "activities that threatened the security of …": the relative clause's subject is the noun, not an actor.
      let rel = tr.start - 1;
      while (rel > 0 && AUXILIARY_POS.test(tokens[rel]!.pos)) rel -= 1;
      if (
        RELATIVE_PRONOUN.has(tokens[rel]?.lower ?? '') &&
        tokens[rel - 1]?.pos === 'NOUN' &&
        !groups.some((m) => m.end === rel)
      )
        continue;
      // "Russia's decision to expel …": the act is the noun's owner's; "efforts to hold Russia accountable" is an aim, not an act.
      if (tokens[tr.start - 1]?.lower === 'to' && tokens[tr.start - 2]?.pos === 'NOUN') {
        if (AIM_NOUNS.has(tokens[tr.start - 2]!.lower)) continue;
        const owner = groups.find(
          (m) =>
            m.end <= tr.start - 2 &&
            tr.start - 2 - m.end <= 5 &&
            tokens.slice(m.end, tr.start - 2).every((t) => NOUN_MODIFIER_POS.test(t.pos)),
        );
        if (!owner) continue;
        const target = rightOk && rightOk !== owner ? rightOk : null;
        if (target) out.push({ trigger: tr, source: owner, target, ...f, rule: `noun-to:${tr.pattern}` });
        continue;
      }
      // "the visit by Iraqi Foreign Minister Fuad Hussein … to Washington": the agent follows "by".
      if (nominal && tokens[tr.end]?.lower === 'by') {
        const agent = groups.find((m) => m.start > tr.end && m.start <= tr.end + 2);
        const target = agent
          ? groups.find(
              (m) =>
                m.start >= agent.end &&
                m.start - agent.end <= window + 4 &&
                !modifier(tokens, m) &&
                !newClause(tokens, tr, m),
            )
          : undefined;
        if (agent && target) out.push({ trigger: tr, source: agent, target, ...f, rule: `nominal-by:${tr.pattern}` });
        continue;
      }
      const prevAgent =
        agents.length > 0 && AND_COMMA.has(tokens[tr.start - 1]?.lower ?? '')
          ? agents[agents.length - 1]!.agent
          : undefined;
      // "…, while raging at X": a participle clause shares the main clause's actor.
      const participle =
        ING.test(tokens[tr.start]?.lower ?? '') && PARTICIPLE_CLAUSE.has(tokens[tr.start - 1]?.lower ?? '');
      const mainActor = speaker ?? groups.find((m) => !m.locative && !objectLike(tokens, m) && m.end <= tr.start);
      if (participle && mainActor) {
        const target = rightOk && rightOk !== mainActor ? rightOk : null;
        if (target || JUDGING.has(tr.relation))
          out.push({ trigger: tr, source: mainActor, target, ...f, rule: `participle:${tr.pattern}` });
        continue;
      }
      const possessor = nominal ? leftAll.filter((m) => tr.start - m.end <= 8).pop() : undefined;
      // "King Abdullah stressed Jordan's support": the speaker voices his own state's act.
      const adjacent =
        possessor &&
        speaker &&
        possessor.via !== 'author' &&
        possessor.actorIds.length === 1 &&
        speaker.actorIds.length === 1 &&
        stateOfId(possessor.actorIds[0]!) === stateOfId(speaker.actorIds[0]!)
          ? speaker
          : possessor;
      // "a criminal complaint was unsealed charging X": an agentless filing, made by the document's voice.
      const filed =
        !adjacent &&
        !subject &&
        !prevAgent &&
        !speaker &&
        docVoice &&
        ING.test(tokens[tr.start]?.lower ?? '') &&
        ED_EN.test(tokens[tr.start - 1]?.lower ?? '') &&
        BE_FORM.has(tokens[tr.start - 2]?.lower ?? '')
          ? { start: tr.start, end: tr.end, actorIds: [docVoice], locative: false, via: 'author' as const }
          : undefined;
      const source = adjacent ?? subject ?? prevAgent ?? speaker ?? filed;
      if (!source) continue;
      agents.push({ at: tr.start, agent: source });
      const target = rightOk && rightOk !== source ? rightOk : null;
      // "The President and Prime Minister agreed to …": a reciprocal act between the coordinated actors.
      const reciprocal = !target && RECIPROCAL.has(tr.relation) && source.actorIds.length >= 2;
      if (!target && !reciprocal && (!JUDGING_OR_SUPPORTING.has(tr.relation) || !opponentImplied(tokens, tr))) continue;
      out.push({
        trigger: tr,
        source,
        target,
        ...f,
        rule: `${subject ? 'subject' : prevAgent ? 'shared-subject' : 'speaker'}:${tr.pattern}`,
      });
      continue;
    }
    // In a statement, a judgement no one else is said to make is the document's voice's own.
    const voice =
      docVoice && frames.length === 0
        ? { start: tr.start, end: tr.end, actorIds: [docVoice], locative: false, via: 'author' as const }
        : undefined;
    const src = speaker ?? (tr.role === 'deny-content' ? subject : undefined) ?? voice;
    if (!src) continue;
    const inner = lastOf(leftAll, (m) => m !== src && !objectLike(tokens, m) && m.start >= (frame?.from ?? 0));
    if (tr.role === 'accuse-content') {
      const target = inner ?? rightOk ?? null;
      if (target && target !== src)
        out.push({ trigger: tr, source: src, target, ...f, rule: `content:accuse:${tr.pattern}` });
      continue;
    }
    const target = inner && inner !== src ? inner : null;
    out.push({
      trigger: tr,
      source: src,
      target,
      ...f,
      rule: `content:${tr.role === 'deny-content' ? 'deny' : 'judge'}:${tr.pattern}`,
    });
  }
  // A judgement inside a denial is part of the denial.
  const denied = new Set(out.filter((a) => a.trigger.role === 'deny-content').map((a) => a.source));
  // "The UK condemns Iran's reckless attack": where an actor named in the sentence acts, its words are not the voice's.
  const named = out.some((a) => a.trigger.role === 'act' && a.source.via !== 'author');
  return out.filter(
    (a) =>
      !(a.trigger.role === 'judge-content' && denied.has(a.source)) &&
      !(named && a.trigger.role !== 'act' && a.source.via === 'author' && a.rule.startsWith('content:')),
  );
}
