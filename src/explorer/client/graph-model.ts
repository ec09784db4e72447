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
  /** 'shape': pictograms by kind (textures); 'circle'/'point': plain discs, cheaper to fill. */
  type: 'shape' | 'circle' | 'point';
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
  type: 'curved' | 'arrow' | 'line' | 'rectangle';
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

/**
 * Above this many actors, nodes are plain discs (sigma's NodePointProgram) instead of pictograms:
 * at the small sizes of a big view the shapes are hardly readable, and textured quads cost more to
 * fill. The colour still tells the kind.
 */
export const SHAPES_MAX_NODES = 500;
/** Above this many relations, edges are 1-pixel lines without arrowheads (the selected one stays an arrow). */
export const LINES_MIN_EDGES = 2000;

function nodeAttributes(
  node: NetworkNode,
  seed: boolean,
  x: number,
  y: number,
  scale: number,
  type: NodeAttributes['type'],
): NodeAttributes {
  const style = kindStyle(node.kind);
  return {
    x,
    y,
    size: Math.max(2.5, nodeSize(node.degree, seed) * scale),
    color: style.color,
    label: node.name,
    type,
    image: shapeImageUrl(style.shape),
    kind: node.kind,
    country: node.country,
    degree: node.degree,
    seed,
    forceLabel: seed,
  };
}

function edgeAttributes(edge: NetworkEdge, curvature: number, dense: boolean, lines: boolean): EdgeAttributes {
  return {
    // In a dense view, thin see-through edges let the nodes and the structure show.
    size: dense ? Math.max(0.6, edgeWidth(edge.count) * 0.45) : edgeWidth(edge.count),
    color: dense ? `${scoreColor(edge.meanScore)}99` : scoreColor(edge.meanScore),
    type: lines ? 'line' : dense ? 'arrow' : 'curved',
    curvature,
    relation: edge.relation,
    count: edge.count,
    firstDate: edge.firstDate,
    lastDate: edge.lastDate,
    meanScore: edge.meanScore,
    label: `${edge.relation} ×${edge.count}`,
  };
}

/**
 * Where new nodes start, in one pass over the edges: a node next to a placed neighbour starts
 * beside it; the rest are placed breadth-first from the busiest new node, each near the nodes
 * already placed around it, and each further unconnected group on a spiral around the centre.
 * So the first frame already shows the structure roughly, and ForceAtlas2 has less to do.
 */
export function startPositions(
  graph: DiploGraph,
  network: Network,
  random: () => number,
): Map<string, { x: number; y: number }> {
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of network.edges) {
    if (e.source === e.target) continue;
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const placed = new Map<string, { x: number; y: number }>();
  const positionOf = (id: string) => placed.get(id) ?? (graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined);
  const fresh = network.nodes.filter((n) => !graph.hasNode(n.id)).sort((a, b) => b.degree - a.degree);
  // Typical distance between neighbours: grows with the size of the view, like ForceAtlas2's.
  const step = 10 + Math.sqrt(network.nodes.length);
  const place = (id: string): void => {
    let sx = 0;
    let sy = 0;
    let k = 0;
    for (const other of neighbours.get(id) ?? []) {
      const p = positionOf(other);
      if (!p) continue;
      sx += p.x;
      sy += p.y;
      k += 1;
      if (k >= 8) break;
    }
    if (k > 0) {
      const angle = random() * 2 * Math.PI;
      const r = step * (0.5 + random());
      placed.set(id, { x: sx / k + r * Math.cos(angle), y: sy / k + r * Math.sin(angle) });
    } else {
      const index = graph.order + placed.size;
      const angle = index * 2.399963; // golden angle: spreads groups evenly without collisions
      const r = step * 4 * Math.sqrt(index + 1);
      placed.set(id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
    }
  };
  const queue: string[] = [];
  for (const root of fresh) {
    if (placed.has(root.id)) continue;
    place(root.id);
    queue.push(root.id);
    for (let head = queue.length - 1; head < queue.length; head++) {
      for (const other of neighbours.get(queue[head] ?? '') ?? []) {
        if (placed.has(other) || graph.hasNode(other)) continue;
        place(other);
        queue.push(other);
      }
    }
    queue.length = 0;
  }
  return placed;
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
export function applyNetwork(
  graph: DiploGraph,
  network: Network,
  seeds: ReadonlySet<string>,
  random: () => number = Math.random,
): ApplyResult {
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
  const starts = startPositions(graph, network, random);
  const nodeType: NodeAttributes['type'] = network.nodes.length > SHAPES_MAX_NODES ? 'point' : 'shape';
  network.nodes.forEach((node) => {
    if (graph.hasNode(node.id)) {
      const { x, y } = graph.getNodeAttributes(node.id);
      graph.replaceNodeAttributes(node.id, nodeAttributes(node, seeds.has(node.id), x, y, scale, nodeType));
    } else {
      const { x, y } = starts.get(node.id) ?? { x: random(), y: random() };
      graph.addNode(node.id, nodeAttributes(node, seeds.has(node.id), x, y, scale, nodeType));
      added += 1;
    }
  });
  // Heaviest first, so the busiest relation of a pair gets the gentlest curve.
  const edges = [...network.edges].sort((a, b) => b.count - a.count);
  const curvatures = edgeCurvatures(edges);
  const dense = edges.length > 3 * Math.max(1, network.nodes.length) || edges.length > 800;
  const lines = edges.length > LINES_MIN_EDGES;
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.id)) continue;
    graph.addDirectedEdgeWithKey(
      edge.id,
      edge.source,
      edge.target,
      edgeAttributes(edge, curvatures.get(edge.id) ?? BASE_CURVATURE, dense, lines),
    );
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
