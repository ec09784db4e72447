/**
 * What the page exposes for the end-to-end test and the render benchmark: `window.__diplograph`
 * (graph counts, selection by id, performance marks, a pan/zoom frame-time probe).
 */
import type { DiploGraph, EdgeAttributes, NodeAttributes } from './graph-model.ts';
import type { Renderer } from './renderer.ts';
import type { ActorSummary } from './types.ts';

export const MARKS = ['dg:start', 'dg:data', 'dg:first-render', 'dg:layout-done'] as const;
const latest = new Map<string, number>();

/** A performance mark; the latest time of each name is kept for the hooks. */
export function mark(name: (typeof MARKS)[number]): void {
  performance.mark(name);
  latest.set(name, performance.now());
}

export interface FrameStats {
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  /** Time sigma spent in its render function, per frame. */
  renderMeanMs: number;
}

export interface RenderOptions {
  labels?: boolean;
  edges?: boolean;
  nodes?: boolean;
  nodeType?: NodeAttributes['type'] | null;
  edgeType?: EdgeAttributes['type'] | null;
}

export interface DiplographHooks {
  mode: 'api' | 'synthetic';
  ready(): boolean;
  nodeCount(): number;
  edgeCount(): number;
  nodeIds(): string[];
  edgeIds(): string[];
  /** Edges as the page holds them (for choosing one to click). */
  edges(): { id: string; source: string; target: string; relation: string; count: number }[];
  selection(): { type: 'node' | 'edge'; id: string } | null;
  lastError(): string | null;
  search(query: string): Promise<ActorSummary | null>;
  selectNode(id: string): Promise<void>;
  selectEdge(id: string): Promise<void>;
  /** The latest time (performance.now, ms) of each mark. */
  marks(): Record<string, number>;
  /** The viewport position of a node (CSS pixels in the graph container), for real mouse clicks. */
  nodeViewportPosition(id: string): { x: number; y: number } | null;
  /**
   * Render switches for benchmarks: labels and edges on or off, nodes or edges forced to one
   * program ('shape' | 'circle' | 'point', 'curved' | 'arrow' | 'line' | 'rectangle'; null puts
   * back the page's own choice).
   */
  setRenderOptions(options: RenderOptions): void;
  /** Pans and zooms the camera for `durationMs`, measuring the time between frames. */
  measurePanZoom(durationMs: number): Promise<FrameStats>;
}

declare global {
  interface Window {
    __diplograph?: DiplographHooks;
  }
}

interface HookDeps {
  mode: 'api' | 'synthetic';
  graph: DiploGraph;
  renderer: Renderer;
  state: {
    loading: number;
    loads: number;
    selection: { type: 'node' | 'edge'; id: string } | null;
    lastError: string | null;
  };
  search(query: string): Promise<ActorSummary | null>;
  selectNode(id: string): Promise<void>;
  selectEdge(id: string): Promise<void>;
  load(): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function installHooks(deps: HookDeps): void {
  const { graph, renderer, state } = deps;
  window.__diplograph = {
    mode: deps.mode,
    ready: () => state.loading === 0 && state.loads > 0,
    nodeCount: () => graph.order,
    edgeCount: () => graph.size,
    nodeIds: () => graph.nodes(),
    edgeIds: () => graph.edges(),
    edges: () =>
      graph.mapEdges((id, a, source, target) => ({ id, source, target, relation: a.relation, count: a.count })),
    selection: () => state.selection,
    lastError: () => state.lastError,
    search: deps.search,
    selectNode: deps.selectNode,
    selectEdge: deps.selectEdge,
    marks: () => Object.fromEntries(latest),
    nodeViewportPosition(id) {
      const data = renderer.sigma.getNodeDisplayData(id);
      return data ? renderer.sigma.framedGraphToViewport(data) : null;
    },
    setRenderOptions({ labels, edges, nodes, nodeType, edgeType }) {
      const o = renderer.overrides;
      if (labels !== undefined) renderer.sigma.setSetting('renderLabels', labels);
      if (edges !== undefined) o.hideEdges = !edges;
      if (nodes !== undefined) o.hideNodes = !nodes;
      if (nodeType !== undefined) o.nodeType = nodeType ?? undefined;
      if (edgeType !== undefined) o.edgeType = edgeType ?? undefined;
      renderer.sigma.refresh();
    },
    async measurePanZoom(durationMs) {
      const sigma = renderer.sigma;
      const camera = sigma.getCamera();
      const renderTimes: number[] = [];
      let renderStart = 0;
      const before = () => (renderStart = performance.now());
      const after = () => renderTimes.push(performance.now() - renderStart);
      sigma.on('beforeRender', before);
      sigma.on('afterRender', after);
      const deltas: number[] = [];
      const start = performance.now();
      const initial = camera.getState();
      await new Promise<void>((resolve) => {
        let last = start;
        const step = (now: number) => {
          deltas.push(now - last);
          last = now;
          const t = (now - start) / 1000;
          // A slow circle while zooming in and out: every frame moves the camera.
          camera.setState({
            x: 0.5 + 0.25 * Math.cos(t * 1.7),
            y: 0.5 + 0.25 * Math.sin(t * 1.7),
            ratio: 0.35 + 0.3 * (1 + Math.sin(t * 2.3)),
          });
          if (now - start < durationMs) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      sigma.off('beforeRender', before);
      sigma.off('afterRender', after);
      camera.setState(initial);
      const frames = deltas.slice(1).sort((a, b) => a - b);
      const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
      return {
        frames: frames.length,
        meanMs: mean(frames),
        p95Ms: percentile(frames, 0.95),
        maxMs: frames[frames.length - 1] ?? 0,
        renderMeanMs: mean(renderTimes),
      };
    },
  };
}
