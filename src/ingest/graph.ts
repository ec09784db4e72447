/**
 * The dependency graph of one sentence, as the extraction rules read it: the engine's tokens (with
 * enhanced++ edges both ways) laid over our own tokens by character offsets, so a mention or a trigger found
 * on our tokens has its nodes in the graph and a node knows which of our tokens it falls in.
 */
import type { Token } from './nlp.ts';
import type { SentenceParse } from './parses.ts';

export interface GraphEdge {
  dep: string;
  node: number;
}

export interface GraphNode {
  /** Position in `SentenceGraph.nodes`. */
  id: number;
  start: number;
  end: number;
  lemma: string;
  /** Penn Treebank tag. */
  pos: string;
  ner: string;
  /** The index of our token this node falls in, or -1. */
  token: number;
  /** Edges to dependents and from governors (ROOT edges left out). */
  out: GraphEdge[];
  in: GraphEdge[];
}

export interface SentenceGraph {
  nodes: GraphNode[];
  /** For each of our tokens, the nodes that fall in it (one, or several where the engine splits a word). */
  ofToken: number[][];
}

/** Builds the graph of a sentence from its parse; offsets in the parse are relative to `sentenceStart`. */
export function buildGraph(parse: SentenceParse, tokens: readonly Token[], sentenceStart: number): SentenceGraph {
  const nodes: GraphNode[] = [];
  const ofToken: number[][] = tokens.map(() => []);
  let k = 0;
  for (const unit of parse) {
    const base = nodes.length;
    for (const t of unit.tokens) {
      const start = t.start + sentenceStart;
      const end = t.end + sentenceStart;
      // Our token holding the node's first character (both token lists are in text order).
      while (k < tokens.length && tokens[k]!.end <= start) k += 1;
      const tok = k < tokens.length && tokens[k]!.start < end ? k : -1;
      const id = nodes.length;
      nodes.push({ id, start, end, lemma: t.lemma.toLowerCase(), pos: t.pos, ner: t.ner, token: tok, out: [], in: [] });
      if (tok >= 0) ofToken[tok]!.push(id);
    }
    for (const e of unit.edges) {
      if (e.governor === 0) continue;
      const gov = nodes[base + e.governor - 1];
      const dep = nodes[base + e.dependent - 1];
      if (!gov || !dep) continue;
      gov.out.push({ dep: e.dep, node: dep.id });
      dep.in.push({ dep: e.dep, node: gov.id });
    }
  }
  return { nodes, ofToken };
}

/** The nodes of our token range [from, to). */
export function nodesIn(g: SentenceGraph, from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k += 1) for (const n of g.ofToken[k] ?? []) out.push(n);
  return out;
}

/** Dependents of `n` over edges whose label satisfies `test`. */
export function children(g: SentenceGraph, n: number, test: (dep: string) => boolean): number[] {
  const out: number[] = [];
  for (const e of g.nodes[n]?.out ?? []) if (test(e.dep)) out.push(e.node);
  return out;
}

/** Governors of `n` over edges whose label satisfies `test`. */
export function parents(g: SentenceGraph, n: number, test: (dep: string) => boolean): number[] {
  const out: number[] = [];
  for (const e of g.nodes[n]?.in ?? []) if (test(e.dep)) out.push(e.node);
  return out;
}

/**
 * The head of a token range: the node whose governors all lie outside the range (the first such, preferring
 * a noun). "the Chinese embassy in New Zealand" → embassy.
 */
export function headOf(g: SentenceGraph, from: number, to: number): number | null {
  const inside = nodesIn(g, from, to);
  if (inside.length === 0) return null;
  const set = new Set(inside);
  const heads = inside.filter((n) => g.nodes[n]!.in.every((e) => !set.has(e.node) || e.dep === 'ref'));
  return (
    heads.find((n) => g.nodes[n]!.pos.startsWith('N') || g.nodes[n]!.pos.startsWith('PRP')) ??
    heads[0] ??
    inside[inside.length - 1]!
  );
}
