/**
 * Inter-annotator agreement on gold files, with the extractor's own measures (src/eval/score.ts). An item
 * both annotators require agrees; an item one requires and the other does not list at all disagrees; an
 * item one requires and the other marks optional counts neither way (either reading was allowed).
 */
import type { ExtractionResult } from '../ingest/types.ts';
import type { GoldArticle } from './gold.ts';
import { prf, scoreArticle } from './score.ts';
import type { ArticleScore, Prf } from './score.ts';

/** An annotation read as if an extractor had produced its required actors and events. */
export function annotationAsExtraction(gold: GoldArticle): ExtractionResult {
  return {
    id: gold.id,
    article: {
      title: gold.title ?? null,
      outlet: gold.outlet ?? null,
      url: gold.url ?? null,
      publishedAt: gold.publishedAt ?? null,
      dateline: null,
      text: '',
    },
    actors: gold.actors
      .filter((a) => !a.optional)
      .map((a) => ({
        id: a.key,
        name: a.name,
        kind: a.kind,
        country: a.country ?? null,
        title: a.title ?? null,
        aliases: a.aliases ?? [],
      })),
    events: gold.events
      .filter((e) => !e.optional)
      .map((e, i) => ({
        id: `${gold.id}-${i}`,
        relation: e.relation,
        plover: '',
        mode: '',
        cameo: '',
        score: 0,
        source: e.source,
        target: e.target,
        date: e.date ?? null,
        datePrecision: e.date ? ('DAY' as const) : ('UNKNOWN' as const),
        negated: false,
        evidence: { sentence: e.evidence, start: 0, end: 0 },
        sourceMention: { text: '', start: 0, end: 0 },
        targetMention: { text: '', start: 0, end: 0 },
        rule: 'annotation',
      })),
    warnings: [],
  };
}

/**
 * Agreement of `second` with `first`, symmetric in what it counts: tp = required by both, fp = required by the
 * second only (absent from the first, even as optional), fn = required by the first only (absent from the
 * second). Precision and recall read "the second annotation scored against the first".
 */
export function agreement(first: GoldArticle, second: GoldArticle): ArticleScore {
  const forward = scoreArticle(first, annotationAsExtraction(second));
  const backward = scoreArticle(second, annotationAsExtraction(first));
  const merge = <T extends Prf>(f: T, b: Prf): T => ({
    ...f,
    ...prf({ tp: f.tp, fp: f.fp, fn: b.fp }),
    falseNegatives: (b as unknown as { falsePositives: string[] }).falsePositives,
  });
  return {
    ...forward,
    triples: merge(forward.triples, backward.triples),
    dyads: merge(forward.dyads, backward.dyads),
    actors: merge(forward.actors, backward.actors),
  };
}

/** The annotation with its optional items dropped: what a reader who must decide every item requires. */
export function requiredOnly(gold: GoldArticle): GoldArticle {
  return { ...gold, actors: gold.actors.filter((a) => !a.optional), events: gold.events.filter((e) => !e.optional) };
}

/**
 * Strict agreement: optional items count as not listed, so a triple one annotator requires and the other
 * marks optional is a disagreement (the lenient `agreement` lets it pass).
 */
export function strictAgreement(first: GoldArticle, second: GoldArticle): ArticleScore {
  return agreement(requiredOnly(first), requiredOnly(second));
}
