/**
 * The page's graph: a graphology MultiDirectedGraph (one edge per source, relation, target) whose
 * attributes are what sigma draws. A network answer replaces its content; nodes that stay keep
 * their positions and new ones start next to a neighbour, so the picture changes smoothly.
 */
import { MultiDirectedGraph } from 'graphology';
import { kindStyle } from './ontology.ts';
import { edgeWidth, nodeSize, scoreColor } from './palette.ts';
import { shapeImageUrl } from './shapes.ts';
import type { Network, NetworkEdge, NetworkNode } from './types.ts';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  type: 'shape';
  image: string;
  kind: string;
  country: string | null;
  degree: number;
  seed: boolean;
  forceLabel: boolean;
}

export interface EdgeAttributes {
  size: number;
  color: string;
  /** Curved arrows in readable views; straight ones (far cheaper to fill) in dense ones. */
  type: 'curved' | 'arrow';
  curvature: number;
  relation: string;
  count: number;
  firstDate: string | null;
  lastDate: string | null;
  meanScore: number | null;
  label: string;
}

export type DiploGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function createGraph(): DiploGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
}

function nodeAttributes(node: NetworkNode, seed: boolean, x: number, y: number, scale: number): NodeAttributes {
  const style = kindStyle(node.kind);
  return {
    x,
    y,
    size: Math.max(2.5, nodeSize(node.degree, seed) * scale),
    color: style.color,
    label: node.name,
    type: 'shape',
    image: shapeImageUrl(style.shape),
    kind: node.kind,
    country: node.country,
    degree: node.degree,
    seed,
    forceLabel: seed,
  };
}

function edgeAttributes(edge: NetworkEdge, curvature: number, dense: boolean): EdgeAttributes {
  return {
    // In a dense view, thin see-through edges let the nodes and the structure show.
    size: dense ? Math.max(0.6, edgeWidth(edge.count) * 0.45) : edgeWidth(edge.count),
    color: dense ? `${scoreColor(edge.meanScore)}99` : scoreColor(edge.meanScore),
    type: dense ? 'arrow' : 'curved',
    curvature,
    relation: edge.relation,
    count: edge.count,
    firstDate: edge.firstDate,
    lastDate: edge.lastDate,
    meanScore: edge.meanScore,
    label: `${edge.relation} ×${edge.count}`,
  };
}

/** Where a new node starts: beside a placed neighbour, else on a ring around the centre. */
function startPosition(graph: DiploGraph, id: string, network: Network, index: number, random: () => number): { x: number; y: number } {
  for (const e of network.edges) {
    const other = e.source === id ? e.target : e.target === id ? e.source : null;
    if (other !== null && graph.hasNode(other)) {
      const { x, y } = graph.getNodeAttributes(other);
      return { x: x + (random() - 0.5) * 20, y: y + (random() - 0.5) * 20 };
    }
  }
  const angle = index * 2.399963; // golden angle: spreads nodes evenly without collisions
  const r = 10 * Math.sqrt(index + 1);
  return { x: r * Math.cos(angle), y: r * Math.sin(angle) };
}

const BASE_CURVATURE = 0.12;
const CURVATURE_STEP = 0.22;

/**
 * Curvature per edge: every edge bends a little, so A→B and B→A (which bend to opposite sides)
 * never overlap, and each further relation in the same direction bends more.
 */
export function edgeCurvatures(edges: readonly NetworkEdge[]): Map<string, number> {
  const perDirection = new Map<string, number>();
  const out = new Map<string, number>();
  for (const e of edges) {
    const key = `${e.source}\u0000${e.target}`;
    const index = perDirection.get(key) ?? 0;
    perDirection.set(key, index + 1);
    out.set(e.id, BASE_CURVATURE + CURVATURE_STEP * index);
  }
  return out;
}
export interface ApplyResult {
  added: number;
  removed: number;
}

/** Makes the graph show exactly `network`, keeping the positions of nodes already there. */
export function applyNetwork(graph: DiploGraph, network: Network, seeds: ReadonlySet<string>, random: () => number = Math.random): ApplyResult {
  const keep = new Set(network.nodes.map((n) => n.id));
  let removed = 0;
  graph.forEachNode((id) => {
    if (!keep.has(id)) {
      graph.dropNode(id);
      removed += 1;
    }
  });
  graph.clearEdges();
  let added = 0;
  // Many nodes on one screen: smaller shapes, so they do not cover each other.
  const scale = Math.min(1, Math.max(0.3, Math.sqrt(150 / Math.max(1, network.nodes.length))));
  network.nodes.forEach((node, index) => {
    if (graph.hasNode(node.id)) {
      const { x, y } = graph.getNodeAttributes(node.id);
      graph.replaceNodeAttributes(node.id, nodeAttributes(node, seeds.has(node.id), x, y, scale));
    } else {
      const { x, y } = startPosition(graph, node.id, network, graph.order + index, random);
      graph.addNode(node.id, nodeAttributes(node, seeds.has(node.id), x, y, scale));
      added += 1;
    }
  });
  // Heaviest first, so the busiest relation of a pair gets the gentlest curve.
  const edges = [...network.edges].sort((a, b) => b.count - a.count);
  const curvatures = edgeCurvatures(edges);
  const dense = edges.length > 3 * Math.max(1, network.nodes.length) || edges.length > 800;
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.id)) continue;
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, edgeAttributes(edge, curvatures.get(edge.id) ?? BASE_CURVATURE, dense));
  }
  return { added, removed };
}

/** The date span the graph's edges cover (YYYY-MM-DD), or null when no edge has a date. */
export function dateSpan(graph: DiploGraph): { first: string; last: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  graph.forEachEdge((_e, a) => {
    if (a.firstDate && (first === null || a.firstDate < first)) first = a.firstDate;
    if (a.lastDate && (last === null || a.lastDate > last)) last = a.lastDate;
  });
  return first !== null && last !== null ? { first, last } : null;
}
