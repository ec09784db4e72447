/**
 * Draws the graph with sigma.js (WebGL): shapes by kind through @sigma/node-image pictograms,
 * curved arrows through @sigma/edge-curve, labels placed by sigma's label grid (bigger nodes first,
 * more labels as one zooms in), and the ForceAtlas2 layout in a web worker. Big views use cheaper
 * programs (graph-model.ts picks them): discs (NodePointProgram) and 1-pixel lines (EdgeLineProgram);
 * in `npm run bench:render -- --variants` arrows and textured shapes cost many times more per frame. */
import Sigma from 'sigma';
import {
  EdgeArrowProgram,
  EdgeLineProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
  NodePointProgram,
} from 'sigma/rendering';
import { createNodeImageProgram } from '@sigma/node-image';
import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import FA2Module from 'graphology-layout-forceatlas2/worker.js';
import { inferSettings } from 'graphology-layout-forceatlas2';
import type { DiploGraph, EdgeAttributes, NodeAttributes } from './graph-model.ts';

// A CommonJS class whose typings say `export default`: the bundler hands over the class itself.
type FA2LayoutClass = typeof FA2Module.default;
const FA2Layout: FA2LayoutClass =
  (FA2Module as unknown as { default?: FA2LayoutClass }).default ?? (FA2Module as unknown as FA2LayoutClass);

export interface Highlight {
  selectedNode: string | null;
  selectedEdge: string | null;
  hoveredNode: string | null;
}

const DIM_NODE = '#D9DDE3';
const DIM_EDGE = '#ECEEF1';

/** Forced program types and switches, for comparing render costs in one page (bench:render). */
export interface RenderOverrides {
  nodeType?: NodeAttributes['type'];
  edgeType?: EdgeAttributes['type'];
  hideEdges?: boolean;
  hideNodes?: boolean;
}

export interface Renderer {
  overrides: RenderOverrides;
  sigma: Sigma<NodeAttributes, EdgeAttributes>;
  /** The edge reducer in use (highlighting), so it can be put back after a benchmark swaps it. */
  edgeReducer: (edge: string, data: EdgeAttributes) => Partial<EdgeAttributes>;
  highlight: Highlight;
  setHighlight(change: Partial<Highlight>): void;
  /** Runs the layout until it settles (or maxMs); resolves when it stops. */
  runLayout(maxMs?: number): Promise<void>;
  stopLayout(): void;
  focusNode(id: string): void;
  focusEdge(id: string): void;
  fit(): void;
  kill(): void;
}

export function createRenderer(graph: DiploGraph, container: HTMLElement): Renderer {
  const highlight: Highlight = { selectedNode: null, selectedEdge: null, hoveredNode: null };
  const neighbours = new Set<string>();

  const refreshNeighbours = (): void => {
    neighbours.clear();
    const focus = highlight.hoveredNode ?? highlight.selectedNode;
    if (focus && graph.hasNode(focus)) {
      neighbours.add(focus);
      graph.forEachNeighbor(focus, (n) => neighbours.add(n));
    }
    if (highlight.selectedEdge && graph.hasEdge(highlight.selectedEdge)) {
      neighbours.add(graph.source(highlight.selectedEdge));
      neighbours.add(graph.target(highlight.selectedEdge));
    }
  };

  const overrides: RenderOverrides = {};
  const edgeReducer = (edge: string, data: EdgeAttributes): Partial<EdgeAttributes> & { hidden?: boolean } => {
    const res: Partial<EdgeAttributes> & { hidden?: boolean } = { ...data };
    if (overrides.edgeType) res.type = overrides.edgeType;
    if (overrides.hideEdges) res.hidden = true;
    if (edge === highlight.selectedEdge) {
      // In a dense view edges are plain lines; the selected one is drawn as an arrow again.
      if (res.type === 'line') res.type = 'arrow';
      res.size = data.size + 2.5;
      res.color = opaque(data.color);
      return res;
    }
    const selected = highlight.selectedNode;
    // The relations of the selected actor get their arrowheads back in a dense view.
    if (selected && res.type === 'line' && (graph.source(edge) === selected || graph.target(edge) === selected)) {
      res.type = 'arrow';
      res.size = Math.max(1.5, data.size);
    }
    const focus = highlight.hoveredNode ?? selected;
    if (focus) {
      if (graph.source(edge) === focus || graph.target(edge) === focus) res.color = opaque(data.color);
      else res.color = DIM_EDGE;
    } else if (highlight.selectedEdge) {
      res.color = DIM_EDGE;
    }
    return res;
  };

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    nodeProgramClasses: {
      shape: createNodeImageProgram({
        drawingMode: 'color',
        keepWithinCircle: false,
        padding: 0,
        size: { mode: 'force', value: 128 },
      }),
      circle: NodeCircleProgram,
      point: NodePointProgram,
    },
    // Programs draw in this order: the dense views' lines first, so the arrows of a selection lie on top.
    edgeProgramClasses: {
      line: EdgeLineProgram,
      rectangle: EdgeRectangleProgram,
      curved: EdgeCurvedArrowProgram,
      arrow: EdgeArrowProgram,
    },
    defaultNodeType: 'shape',
    defaultEdgeType: 'curved',
    enableEdgeEvents: true,
    renderEdgeLabels: false,
    labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    labelSize: 13,
    labelWeight: '500',
    labelColor: { color: '#1F2933' },
    // Labels never overlap: sigma keeps at most one label per grid cell, biggest node first, and
    // hides labels of nodes drawn smaller than the threshold until one zooms in.
    labelDensity: 0.35,
    labelGridCellSize: 130,
    labelRenderedSizeThreshold: 9,
    zIndex: false,
    minCameraRatio: 0.05,
    maxCameraRatio: 8,
    stagePadding: 60,
    nodeReducer: (node, data) => {
      const focus = highlight.hoveredNode ?? highlight.selectedNode ?? highlight.selectedEdge;
      // zIndex stays put: changing it needs a full reindex, and highlights must be instant.
      const res: Partial<NodeAttributes> & { highlighted?: boolean; hidden?: boolean } = { ...data };
      if (overrides.nodeType) res.type = overrides.nodeType;
      if (overrides.hideNodes) res.hidden = true;
      if (node === highlight.selectedNode) {
        res.highlighted = true;
        res.forceLabel = true;
      } else if (focus && neighbours.size > 0) {
        if (neighbours.has(node)) {
          res.forceLabel = true;
        } else {
          res.color = DIM_NODE;
          res.label = '';
        }
      }
      return res;
    },
    edgeReducer,
  });

  let layout: InstanceType<FA2LayoutClass> | null = null;
  let layoutTimer: ReturnType<typeof setInterval> | null = null;
  let layoutDone: (() => void) | null = null;

  const stopLayout = (): void => {
    if (layoutTimer !== null) clearInterval(layoutTimer);
    layoutTimer = null;
    layout?.kill();
    layout = null;
    const done = layoutDone;
    layoutDone = null;
    done?.();
  };

  const runLayout = (maxMs = 6000): Promise<void> => {
    stopLayout();
    if (graph.order < 2) return Promise.resolve();
    // Big graphs: Barnes-Hut (n log n per iteration) and less damping, since the start positions
    // (graph-model.ts) already put neighbours together.
    const big = graph.order > 400;
    const settings = {
      ...inferSettings(graph),
      adjustSizes: graph.order < 1000,
      barnesHutOptimize: big,
      slowDown: big ? 2 : 5,
    };
    layout = new FA2Layout(graph, {
      settings,
      getEdgeWeight: (_edge: string, attr: EdgeAttributes) => Math.log2(1 + attr.count),
    });
    layout.start();
    const started = performance.now();
    // Small graphs settle fast; big ones get longer before "barely moving" is believed.
    const minMs = Math.min(maxMs, 600 + graph.order);
    let previous = snapshot(graph);
    let quiet = 0;
    return new Promise<void>((resolve) => {
      layoutDone = resolve;
      // Stops once nodes barely move between samples (relative to the drawing's extent).
      layoutTimer = setInterval(() => {
        const current = snapshot(graph);
        const moved = meanShift(previous, current);
        previous = current;
        quiet = moved < (big ? 0.003 : 0.0015) ? quiet + 1 : 0;
        const elapsed = performance.now() - started;
        if ((quiet >= 2 && elapsed > minMs) || elapsed > maxMs) stopLayout();
      }, 200);
    });
  };

  return {
    sigma,
    overrides,
    edgeReducer,
    highlight,
    setHighlight(change) {
      // A new selection may change edge programs (line → arrow), which needs sigma's reindexing;
      // hovering only changes colours, which the cheap refresh handles.
      const reindex =
        (change.selectedEdge !== undefined && change.selectedEdge !== highlight.selectedEdge) ||
        (change.selectedNode !== undefined && change.selectedNode !== highlight.selectedNode);
      Object.assign(highlight, change);
      refreshNeighbours();
      sigma.refresh(reindex ? {} : { skipIndexation: true });
    },
    runLayout,
    stopLayout,
    focusNode(id) {
      const data = sigma.getNodeDisplayData(id);
      if (data)
        void sigma
          .getCamera()
          .animate({ x: data.x, y: data.y, ratio: Math.min(sigma.getCamera().ratio, 0.6) }, { duration: 400 });
    },
    focusEdge(id) {
      if (!graph.hasEdge(id)) return;
      const a = sigma.getNodeDisplayData(graph.source(id));
      const b = sigma.getNodeDisplayData(graph.target(id));
      if (a && b) void sigma.getCamera().animate({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, { duration: 400 });
    },
    fit() {
      void sigma.getCamera().animatedReset({ duration: 300 });
    },
    kill() {
      stopLayout();
      sigma.kill();
    },
  };
}

/** The colour without its transparency (edges of big graphs are drawn see-through). */
function opaque(color: string): string {
  return color.length === 9 ? color.slice(0, 7) : color;
}

interface Snapshot {
  xs: Float64Array;
  ys: Float64Array;
  extent: number;
}

function snapshot(graph: DiploGraph): Snapshot {
  const xs = new Float64Array(graph.order);
  const ys = new Float64Array(graph.order);
  let i = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_n, a) => {
    xs[i] = a.x;
    ys[i] = a.y;
    i += 1;
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  return { xs, ys, extent: Math.max(1e-9, maxX - minX, maxY - minY) };
}

function meanShift(a: Snapshot, b: Snapshot): number {
  if (a.xs.length !== b.xs.length || a.xs.length === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.xs.length; i++)
    sum += Math.hypot((b.xs[i] ?? 0) - (a.xs[i] ?? 0), (b.ys[i] ?? 0) - (a.ys[i] ?? 0));
  return sum / a.xs.length / b.extent;
}
