/**
 * The explorer page: search an actor, see its network, expand nodes, filter, scrub through time,
 * and read the evidence behind each relation. One load path: the network for the current seeds
 * and filters replaces what is drawn.
 */
import { ApiError, readApiKey, saveApiKey } from './api.ts';
import { byId, h, svgShape } from './dom.ts';
import { renderActor, renderEdge, renderLoading, renderMessage, type EdgeSummary } from './details.ts';
import { createFilterForm } from './filters.ts';
import { applyNetwork, createGraph, dateSpan, LINES_MIN_EDGES } from './graph-model.ts';
import { installHooks, mark } from './hooks.ts';
import { renderLegend } from './legend.ts';
import { createListbox } from './listbox.ts';
import { kindStyle, RELATION_BY_NAME } from './ontology.ts';
import { scoreColor } from './palette.ts';
import { createRenderer } from './renderer.ts';
import { createSearchBox } from './search.ts';
import { SHAPE_PATHS } from './shapes.ts';
import { createApiSource, type DataSource } from './source.ts';
import { createSyntheticSource, parseSyntheticSize } from './synthetic.ts';
import { seededRandom } from '../../util/random.ts';
import { createTimeline } from './timeline.ts';
import type { NetworkFilters } from './types.ts';

mark('dg:start');

const params = new URLSearchParams(window.location.search);
const syntheticSize = parseSyntheticSize(params.get('synthetic'));
const source: DataSource = syntheticSize ? createSyntheticSource(syntheticSize) : createApiSource();
const random = seededRandom(7);

const graph = createGraph();
const renderer = createRenderer(graph, byId('graph'));
const status = byId('status');
const details = byId('details-body');
const overlay = byId('graph-overlay');

type Selection = { type: 'node'; id: string } | { type: 'edge'; id: string } | null;

const state = {
  seeds: [] as string[],
  filters: null as NetworkFilters | null,
  selection: null as Selection,
  loading: 0,
  truncated: false,
  lastError: null as string | null,
  loads: 0,
};

function setStatus(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle('error', error);
  if (error) state.lastError = text;
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'UNAUTHENTICATED' || error.code === 'HTTP_401') {
      (byId('settings') as HTMLDetailsElement).open = true;
      return 'The server wants an API key for reads: enter it under Settings.';
    }
    return `${error.message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------- filters, timeline

const filterForm = createFilterForm((filters) => {
  state.filters = filters;
  timeline.setRange(filters.from, filters.to);
  void load();
});
state.filters = filterForm.read();

const timeline = createTimeline(async (from, to) => {
  filterForm.setDates(from, to);
  state.filters = filterForm.read();
  await load();
});

// ---------------------------------------------------------------- side lists

const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
function showTab(name: string, focus = false): void {
  for (const tab of tabs) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${tab.dataset.tab}`).hidden = !on;
    if (on && focus) tab.focus();
  }
}
for (const tab of tabs) {
  tab.addEventListener('click', () => showTab(tab.dataset.tab ?? 'details'));
  tab.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const i = tabs.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : -1);
    showTab(tabs[(i + tabs.length) % tabs.length]?.dataset.tab ?? 'details', true);
  });
}

const nodeList = createListbox(byId('node-list'), (id) => void selectNode(id, { fromList: true }));
const edgeList = createListbox(byId('edge-list'), (id) => void selectEdge(id, { fromList: true }));
const LIST_MAX = 400;

function refreshLists(): void {
  const nodes = graph
    .mapNodes((id, a) => ({ id, a }))
    .sort((x, y) => y.a.degree - x.a.degree || x.a.label.localeCompare(y.a.label));
  nodeList.setItems(
    nodes.slice(0, LIST_MAX).map(({ id, a }) => {
      const style = kindStyle(a.kind);
      return {
        id,
        label: `${a.label}, ${style.label}, ${a.degree} links`,
        content: h(
          'span',
          { class: 'row' },
          svgShape(SHAPE_PATHS[style.shape], style.color, 12),
          h('span', { class: 'name' }, a.label),
          h('span', { class: 'count' }, String(a.degree)),
        ),
      };
    }),
    nodes.length > LIST_MAX ? `Showing ${LIST_MAX} of ${nodes.length} actors (most connected first).` : undefined,
  );
  const edges = graph.mapEdges((id, a, s, t) => ({ id, a, s, t })).sort((x, y) => y.a.count - x.a.count);
  edgeList.setItems(
    edges.slice(0, LIST_MAX).map(({ id, a, s, t }) => {
      const sName = graph.getNodeAttribute(s, 'label');
      const tName = graph.getNodeAttribute(t, 'label');
      return {
        id,
        label: `${sName} ${a.relation} ${tName}, ${a.count} events`,
        content: h(
          'span',
          { class: 'row' },
          h('span', { class: 'swatch', style: `background:${scoreColor(a.meanScore)}` }),
          h('span', { class: 'name' }, `${sName} → ${tName}`),
          h('span', { class: 'rel' }, a.relation.toLowerCase()),
          h('span', { class: 'count' }, `×${a.count}`),
        ),
      };
    }),
    edges.length > LIST_MAX ? `Showing ${LIST_MAX} of ${edges.length} relations (most events first).` : undefined,
  );
  byId('tab-nodes').textContent = `Actors (${graph.order})`;
  byId('tab-edges').textContent = `Relations (${graph.size})`;
}

// ---------------------------------------------------------------- loading

function networkLimit(): number {
  return syntheticSize ? syntheticSize.nodes : Math.min(1000, 150 + 100 * (state.seeds.length - 1));
}

function syncUrl(): void {
  const next = new URLSearchParams();
  if (syntheticSize) next.set('synthetic', params.get('synthetic') ?? '');
  for (const id of state.seeds) next.append('actor', id);
  const f = state.filters;
  if (f?.relations) next.set('relations', f.relations.join(','));
  if (f?.from) next.set('from', f.from);
  if (f?.to) next.set('to', f.to);
  if (f && f.minCount > 1) next.set('minCount', String(f.minCount));
  const query = next.toString();
  history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

/** Labels for about the 25 biggest nodes at the overview zoom; more appear when zooming in. */
function adaptLabelThreshold(): void {
  const sizes = graph.mapNodes((_n, a) => a.size).sort((a, b) => b - a);
  const nth = sizes[Math.min(sizes.length - 1, 24)] ?? 9;
  renderer.sigma.setSetting('labelRenderedSizeThreshold', Math.min(9, Math.max(1, nth - 0.01)));
}

let loadSeq = 0;
let firstRenderPending = false;

/** Fetches the network for the seeds and filters and draws it; a newer call wins over an older one. */
async function load(): Promise<void> {
  if (state.seeds.length === 0 && !syntheticSize) return;
  const mine = (loadSeq += 1);
  state.loading += 1;
  document.body.classList.add('loading');
  setStatus('Loading the network…');
  try {
    const filters = state.filters ?? filterForm.read();
    const network = await source.network(state.seeds, filters, networkLimit());
    if (mine !== loadSeq) return;
    const seeds = new Set(state.seeds);
    applyNetwork(graph, network, seeds, random);
    state.truncated = network.truncated;
    state.loads += 1;
    mark('dg:data');
    firstRenderPending = true;
    overlay.hidden = graph.order > 0;
    if (graph.order === 0) overlay.textContent = 'No relations match the filters.';
    refreshLists();
    adaptLabelThreshold();
    // Thousands of edges: hide them while the user drags or zooms, draw them when the view rests.
    renderer.sigma.setSetting('hideEdgesOnMove', graph.size > LINES_MIN_EDGES);
    revalidateSelection();
    syncUrl();
    const names = state.seeds.map((id) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id));
    setStatus(
      `${syntheticSize ? 'Synthetic network' : names.join(', ')}: ${graph.order} actors, ${graph.size} relations` +
        (network.truncated ? ' — truncated: the view shows the nearest and busiest actors only' : ''),
    );
    await renderer.runLayout(syntheticSize ? 10_000 : 5000);
    if (mine === loadSeq) mark('dg:layout-done');
  } catch (error) {
    if (mine === loadSeq) setStatus(describeError(error), true);
  } finally {
    state.loading -= 1;
    if (state.loading === 0) document.body.classList.remove('loading');
  }
}

renderer.sigma.on('afterRender', () => {
  if (firstRenderPending && graph.order > 0) {
    firstRenderPending = false;
    mark('dg:first-render');
  }
});

async function loadTimeline(): Promise<void> {
  try {
    const buckets = await source.timeline(state.seeds[0] ?? null, state.filters?.relations ?? null);
    timeline.setBuckets(buckets, dateSpan(graph));
    timeline.setRange(state.filters?.from ?? null, state.filters?.to ?? null);
  } catch (error) {
    // The histogram is a help, not the view: fall back to the span of the drawn edges.
    timeline.setBuckets([], dateSpan(graph));
    console.warn('timeline unavailable', error);
  }
}

async function startFrom(actorId: string, name?: string): Promise<void> {
  state.seeds = [actorId];
  state.selection = null;
  renderer.setHighlight({ selectedNode: null, selectedEdge: null, hoveredNode: null });
  graph.clear();
  if (name) searchBox.setValue(name);
  await load();
  await loadTimeline();
  if (graph.hasNode(actorId)) await selectNode(actorId, { focusCamera: false });
}

async function expand(id: string): Promise<void> {
  if (!state.seeds.includes(id)) state.seeds.push(id);
  await load();
}

// ---------------------------------------------------------------- selection

function revalidateSelection(): void {
  const sel = state.selection;
  if (sel && ((sel.type === 'node' && !graph.hasNode(sel.id)) || (sel.type === 'edge' && !graph.hasEdge(sel.id)))) {
    state.selection = null;
    renderer.setHighlight({ selectedNode: null, selectedEdge: null });
    renderMessage(details, 'The selection left the view (filters or dates changed).');
  }
}

let detailsSeq = 0;

async function selectNode(
  id: string,
  opts: { fromList?: boolean; focusCamera?: boolean; expand?: boolean } = {},
): Promise<void> {
  const mine = (detailsSeq += 1);
  state.selection = { type: 'node', id };
  renderer.setHighlight({ selectedNode: id, selectedEdge: null });
  nodeList.mark(id);
  edgeList.mark(null);
  if (opts.focusCamera !== false) renderer.focusNode(id);
  if (!opts.fromList) showTab('details');
  const name = graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id;
  renderLoading(details, name);
  try {
    const actor = await source.actor(id);
    if (mine !== detailsSeq) return;
    if (!actor) {
      renderMessage(details, `${name}: no such actor.`, true);
      return;
    }
    renderActor(details, actor, graph.hasNode(id) ? { degree: graph.degree(id) } : null, {
      pickActor: (other) => void pickActor(other),
      expand: (other) => void expand(other),
    });
  } catch (error) {
    if (mine === detailsSeq) renderMessage(details, describeError(error), true);
  }
  if (opts.expand) await expand(id);
}

async function pickActor(id: string): Promise<void> {
  if (graph.hasNode(id)) await selectNode(id);
  else {
    await expand(id);
    await selectNode(id);
  }
}

async function selectEdge(id: string, opts: { fromList?: boolean } = {}): Promise<void> {
  if (!graph.hasEdge(id)) return;
  const mine = (detailsSeq += 1);
  state.selection = { type: 'edge', id };
  renderer.setHighlight({ selectedNode: null, selectedEdge: id });
  edgeList.mark(id);
  nodeList.mark(null);
  renderer.focusEdge(id);
  if (!opts.fromList) showTab('details');
  const a = graph.getEdgeAttributes(id);
  const source_ = graph.source(id);
  const target = graph.target(id);
  const summary: EdgeSummary = {
    sourceName: graph.getNodeAttribute(source_, 'label'),
    targetName: graph.getNodeAttribute(target, 'label'),
    relation: a.relation,
    count: a.count,
    firstDate: a.firstDate,
    lastDate: a.lastDate,
    meanScore: a.meanScore,
  };
  renderEdge(details, summary, null, a.count);
  try {
    const { total, events } = await source.edgeEvents(
      { source: source_, target, relation: a.relation },
      state.filters ?? filterForm.read(),
    );
    if (mine !== detailsSeq) return;
    renderEdge(details, summary, events, total);
  } catch (error) {
    if (mine === detailsSeq) renderMessage(details, describeError(error), true);
  }
}

function clearSelection(): void {
  detailsSeq += 1;
  state.selection = null;
  renderer.setHighlight({ selectedNode: null, selectedEdge: null });
  nodeList.mark(null);
  edgeList.mark(null);
  renderMessage(details, 'Click an actor or a relation in the graph, or choose one from the lists.');
}

const expandOnClick = byId<HTMLInputElement>('expand-on-click');
renderer.sigma.on(
  'clickNode',
  ({ node }) => void selectNode(node, { focusCamera: false, expand: expandOnClick.checked && !syntheticSize }),
);
renderer.sigma.on('clickEdge', ({ edge }) => void selectEdge(edge));
renderer.sigma.on('clickStage', () => clearSelection());
renderer.sigma.on('enterNode', ({ node }) => {
  renderer.setHighlight({ hoveredNode: node });
  byId('graph').style.cursor = 'pointer';
});
renderer.sigma.on('leaveNode', () => {
  renderer.setHighlight({ hoveredNode: null });
  byId('graph').style.cursor = '';
});
renderer.sigma.on('enterEdge', () => (byId('graph').style.cursor = 'pointer'));
renderer.sigma.on('leaveEdge', () => (byId('graph').style.cursor = ''));

// ---------------------------------------------------------------- header: search, settings, view buttons

const searchBox = createSearchBox(
  (q) => source.searchActors(q),
  (actor) => void startFrom(actor.id, actor.name),
  (error) => setStatus(describeError(error), true),
);

const keyInput = byId<HTMLInputElement>('api-key');
keyInput.value = readApiKey();
byId('settings-form').addEventListener('submit', (event) => {
  event.preventDefault();
  saveApiKey(keyInput.value.trim());
  (byId('settings') as HTMLDetailsElement).open = false;
  setStatus(keyInput.value.trim() ? 'API key saved in this browser.' : 'API key removed.');
  void load();
});

byId('fit-view').addEventListener('click', () => renderer.fit());
byId('relayout').addEventListener('click', () => void renderer.runLayout(4000));
byId('zoom-in').addEventListener('click', () => void renderer.sigma.getCamera().animatedZoom({ duration: 200 }));
byId('zoom-out').addEventListener('click', () => void renderer.sigma.getCamera().animatedUnzoom({ duration: 200 }));

document.addEventListener('keydown', (event) => {
  const typing =
    event.target instanceof HTMLInputElement ||
    event.target instanceof HTMLSelectElement ||
    event.target instanceof HTMLTextAreaElement;
  if (event.key === '/' && !typing) {
    event.preventDefault();
    byId('search').focus();
  } else if (event.key === 'Escape' && !typing) {
    clearSelection();
  }
});

renderLegend();
clearSelection();

// ---------------------------------------------------------------- test and benchmark hooks

installHooks({
  mode: source.kind,
  graph,
  renderer,
  state,
  search: async (query) => {
    const actor = await searchBox.searchAndPick(query);
    // searchAndPick starts the load; wait for it to land.
    while (state.loading > 0 || (actor && state.loads === 0)) await new Promise((r) => setTimeout(r, 50));
    return actor;
  },
  selectNode: (id) => selectNode(id),
  selectEdge: (id) => selectEdge(id),
  load: () => load(),
});

// ---------------------------------------------------------------- start

const initialActors = params.getAll('actor');
const relationParam = params.get('relations');
if (relationParam) {
  const chosen = new Set(relationParam.split(',').filter((r) => RELATION_BY_NAME.has(r)));
  document
    .querySelectorAll<HTMLInputElement>('input[name="relation"]')
    .forEach((c) => (c.checked = chosen.has(c.value)));
}
filterForm.setDates(params.get('from'), params.get('to'));
const minCountParam = params.get('minCount');
if (minCountParam) byId<HTMLInputElement>('filter-min-count').value = minCountParam;
state.filters = filterForm.read();

if (syntheticSize) {
  overlay.hidden = true;
  void load().then(loadTimeline);
} else if (initialActors.length > 0) {
  state.seeds = [...initialActors];
  overlay.hidden = true;
  void load()
    .then(loadTimeline)
    .then(() =>
      initialActors[0] && graph.hasNode(initialActors[0])
        ? selectNode(initialActors[0], { focusCamera: false })
        : undefined,
    );
} else {
  setStatus('Search an actor to start.');
}
