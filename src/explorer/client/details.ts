/** The details panel: an actor (aliases, affiliations, top relations) or a relation with its events and evidence. */
import { h, svgShape } from './dom.ts';
import { highlightSegments } from './evidence.ts';
import { kindStyle, RELATION_BY_NAME } from './ontology.ts';
import { scoreClass, scoreColor } from './palette.ts';
import { SHAPE_PATHS } from './shapes.ts';
import type { ActorDetails, ActorRef, EventItem, ThreadEvent } from './types.ts';

export interface DetailsActions {
  /** Selects an actor (adding it to the graph when needed). */
  pickActor(id: string): void;
  /** Adds the actor's neighbourhood to the graph. */
  expand(id: string): void;
}

export function kindBadge(kind: string): HTMLElement {
  const style = kindStyle(kind);
  return h('span', { class: 'kind-badge' }, svgShape(SHAPE_PATHS[style.shape], style.color, 12), style.label);
}

function actorButton(actor: ActorRef, actions: DetailsActions): HTMLElement {
  const style = kindStyle(actor.kind);
  const button = h(
    'button',
    { type: 'button', class: 'link-button', title: `Show ${actor.name}` },
    svgShape(SHAPE_PATHS[style.shape], style.color, 11),
    actor.name,
  );
  button.addEventListener('click', () => actions.pickActor(actor.id));
  return button;
}

function section(title: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', { class: 'detail-section' }, h('h3', {}, title), ...content);
}

function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(1);
}

export function renderLoading(container: HTMLElement, what: string): void {
  container.replaceChildren(h('p', { class: 'muted', role: 'status' }, `Loading ${what}…`));
}

export function renderMessage(container: HTMLElement, message: string, error = false): void {
  container.replaceChildren(h('p', { class: error ? 'error' : 'muted', role: error ? 'alert' : 'status' }, message));
}

export function renderActor(
  container: HTMLElement,
  actor: ActorDetails,
  inGraph: { degree: number } | null,
  actions: DetailsActions,
): void {
  const affiliations: [string, ActorRef[]][] = [
    ['Represents', actor.represents],
    ['Part of', actor.partOf],
    ['Member of', actor.memberOf],
    ['Members', actor.members],
  ];
  const affiliationRows = affiliations
    .filter(([, list]) => list.length > 0)
    .map(([label, list]) =>
      h(
        'div',
        { class: 'aff-row' },
        h('dt', {}, label),
        h('dd', {}, ...list.slice(0, 12).map((a) => actorButton(a, actions))),
      ),
    );
  const expand = h('button', { type: 'button', class: 'primary', id: 'expand-node' }, 'Expand neighbourhood');
  expand.addEventListener('click', () => actions.expand(actor.id));

  const relations = actor.relations.nodes.map((r) => {
    const out = r.direction === 'OUT';
    const verb = RELATION_BY_NAME.get(r.relation)?.verb ?? r.relation.toLowerCase();
    return h(
      'li',
      { class: `rel-row ${scoreClass(r.meanScore)}` },
      h('span', { class: 'swatch', style: `background:${scoreColor(r.meanScore)}` }),
      h(
        'span',
        { class: 'rel-text' },
        out ? `${verb} ` : '',
        actorButton(r.counterpart, actions),
        out ? '' : ` ${verb} them`,
      ),
      h(
        'span',
        { class: 'count', title: `${r.count} events, ${r.firstDate ?? '?'} – ${r.lastDate ?? '?'}` },
        `×${r.count}`,
      ),
    );
  });

  container.replaceChildren(
    h(
      'article',
      { class: 'details', 'aria-label': `Actor ${actor.name}` },
      h(
        'header',
        {},
        h('h2', { id: 'details-title', tabindex: -1 }, actor.name),
        h(
          'div',
          { class: 'meta' },
          kindBadge(actor.kind),
          actor.country ? h('span', { class: 'chip' }, actor.country) : null,
          actor.title ? h('span', { class: 'chip' }, actor.title) : null,
        ),
      ),
      h(
        'p',
        { class: 'muted small' },
        h('code', {}, actor.id),
        inGraph ? ` · ${inGraph.degree} links in view` : ' · not in view',
      ),
      expand,
      actor.aliases.length > 0 ? section('Also called', h('p', { class: 'aliases' }, actor.aliases.join(' · '))) : null,
      affiliationRows.length > 0
        ? section('Affiliations', h('dl', { class: 'affiliations' }, ...affiliationRows))
        : null,
      section(
        `Top relations (${actor.relations.totalCount})`,
        relations.length > 0
          ? h('ul', { class: 'rel-list' }, ...relations)
          : h('p', { class: 'muted' }, 'No relations recorded.'),
      ),
    ),
  );
}

export interface EdgeSummary {
  sourceName: string;
  targetName: string;
  relation: string;
  count: number;
  firstDate: string | null;
  lastDate: string | null;
  meanScore: number | null;
}

function evidenceSentence(event: EventItem): HTMLElement {
  const ev = event.evidence;
  const parts = highlightSegments(ev.sentence, ev.start, ev.sourceMention, ev.targetMention).map((seg) =>
    seg.role
      ? h('mark', { class: `mention ${seg.role}`, title: seg.role === 'source' ? 'source' : 'target' }, seg.text)
      : document.createTextNode(seg.text),
  );
  return h('blockquote', { class: 'evidence' }, ...parts);
}

function threadItem(e: ThreadEvent, role: 'answers' | 'current' | 'response', kind?: string): HTMLElement {
  const label =
    role === 'answers'
      ? 'answers'
      : role === 'response'
        ? `answered by${kind === 'STATED' ? ' (stated)' : ''}`
        : 'this report';
  return h(
    'li',
    { class: `thread-step ${role}`, 'data-event-id': e.id },
    h('span', { class: 'muted small' }, `${e.date ?? 'undated'} · ${label}`),
    ' ',
    h('strong', {}, `${e.source.name} ${e.relation} ${e.target.name}`),
    h('q', { class: 'small' }, e.evidence.sentence),
  );
}

/** The exchange a report is part of, in time order: what it answers, itself, what answers it. */
function threadOf(event: EventItem): HTMLElement | null {
  const responses = event.responses ?? [];
  if (!event.respondsTo && responses.length === 0) return null;
  const self: ThreadEvent = {
    ...event,
    evidence: { sentence: event.evidence.sentence, article: event.evidence.article },
  };
  return h(
    'ol',
    { class: 'thread', 'aria-label': 'Exchange' },
    event.respondsTo ? threadItem(event.respondsTo.answers, 'answers', event.respondsTo.kind) : null,
    threadItem(self, 'current'),
    ...responses.map((r) => threadItem(r.response, 'response', r.kind)),
  );
}

function eventCard(event: EventItem): HTMLElement {
  const article = event.evidence.article;
  const safeUrl = article.url && /^https?:\/\//i.test(article.url) ? article.url : null;
  const title = article.title ?? article.id;
  const reports = event.incident?.reportCount ?? 1;
  return h(
    'li',
    { class: 'event', 'data-event-id': event.id },
    h(
      'div',
      { class: 'event-head' },
      h('time', { datetime: event.date ?? '' }, event.date ?? 'undated'),
      h('span', { class: `rel-tag ${scoreClass(event.score)}` }, event.relation),
      h('span', { class: 'muted small' }, `score ${event.score.toFixed(1)}`),
      reports > 1
        ? h(
            'span',
            { class: 'chip incident-reports', title: 'Reports of the same act (one incident)' },
            `${reports} reports`,
          )
        : null,
    ),
    evidenceSentence(event),
    h(
      'div',
      { class: 'article' },
      safeUrl
        ? h('a', { href: safeUrl, target: '_blank', rel: 'noopener noreferrer' }, title)
        : h('span', { class: 'article-title' }, title),
      h('span', { class: 'muted small' }, [article.outlet, article.publishedAt].filter(Boolean).join(' · ')),
    ),
    threadOf(event),
  );
}

/** Whether the relation panel shows one card per incident (its other reports hidden). */
let oneCardPerIncident = true;

/** The events to show: with `oneCardPerIncident`, the first report of each incident only. */
export function firstReportPerIncident(events: EventItem[]): EventItem[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (!e.incident) return true;
    if (seen.has(e.incident.id)) return false;
    seen.add(e.incident.id);
    return true;
  });
}

export function renderEdge(container: HTMLElement, edge: EdgeSummary, events: EventItem[] | null, total: number): void {
  const verb = RELATION_BY_NAME.get(edge.relation)?.verb ?? edge.relation.toLowerCase();
  const shown = events === null ? null : oneCardPerIncident ? firstReportPerIncident(events) : events;
  const list =
    shown === null
      ? h('p', { class: 'muted', role: 'status' }, 'Loading events…')
      : shown.length === 0
        ? h('p', { class: 'muted' }, 'No events in the chosen range.')
        : h('ol', { class: 'events' }, ...shown.map(eventCard));
  const toggle = h('input', { type: 'checkbox', id: 'one-card-per-incident' }) as HTMLInputElement;
  toggle.checked = oneCardPerIncident;
  toggle.addEventListener('change', () => {
    oneCardPerIncident = toggle.checked;
    renderEdge(container, edge, events, total);
    document.getElementById('one-card-per-incident')?.focus();
  });
  const hidden = events !== null && shown !== null ? events.length - shown.length : 0;
  container.replaceChildren(
    h(
      'article',
      { class: 'details', 'aria-label': `${edge.sourceName} ${verb} ${edge.targetName}` },
      h(
        'header',
        {},
        h('h2', { id: 'details-title', tabindex: -1 }, `${edge.sourceName} → ${edge.targetName}`),
        h(
          'div',
          { class: 'meta' },
          h('span', { class: `rel-tag ${scoreClass(edge.meanScore)}` }, edge.relation),
          h(
            'span',
            { class: 'chip', title: 'Incidents: one act reported by several articles counts once' },
            `${edge.count} incident${edge.count === 1 ? '' : 's'}`,
          ),
          h('span', { class: 'chip' }, `mean score ${formatScore(edge.meanScore)}`),
        ),
      ),
      h(
        'p',
        { class: 'muted small' },
        `${edge.sourceName} ${verb} ${edge.targetName}, ${edge.firstDate ?? '?'} – ${edge.lastDate ?? '?'}`,
      ),
      h(
        'p',
        { class: 'legend-inline small' },
        h('mark', { class: 'mention source' }, 'source'),
        ' ',
        h('mark', { class: 'mention target' }, 'target'),
        events && total > events.length ? `  · showing ${events.length} of ${total}` : '',
      ),
      h(
        'label',
        { class: 'small' },
        toggle,
        ' One card per incident',
        hidden > 0 ? ` (${hidden} repeated report${hidden === 1 ? '' : 's'} hidden)` : '',
      ),
      list,
    ),
  );
}
