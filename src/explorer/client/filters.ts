/** The filter form: relation types (grouped conflict / cooperation), date range, minimum count, depth. */
import { byId, h } from './dom.ts';
import { RELATIONS } from './ontology.ts';
import { scoreColor } from './palette.ts';
import type { NetworkFilters } from './types.ts';

export interface FilterForm {
  read(): NetworkFilters;
  setDates(from: string | null, to: string | null): void;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function createFilterForm(onChange: (filters: NetworkFilters) => void): FilterForm {
  const box = byId('relation-boxes');
  const groups: [string, (score: number) => boolean][] = [
    ['Conflict', (s) => s < 0],
    ['Cooperation', (s) => s >= 0],
  ];
  for (const [title, test] of groups) {
    const items = RELATIONS.filter((r) => test(r.score)).map((r) =>
      h(
        'label',
        { class: 'check', title: `${r.description} (score ${r.score})` },
        h('input', { type: 'checkbox', name: 'relation', value: r.name, checked: true }),
        h('span', { class: 'swatch', style: `background:${scoreColor(r.score)}` }),
        r.name.toLowerCase(),
      ),
    );
    box.append(
      h(
        'div',
        { class: 'rel-group', role: 'group', 'aria-label': `${title} relations` },
        h('div', { class: 'rel-group-title' }, title),
        ...items,
      ),
    );
  }
  const from = byId<HTMLInputElement>('filter-from');
  const to = byId<HTMLInputElement>('filter-to');
  const minCount = byId<HTMLInputElement>('filter-min-count');
  const depth = byId<HTMLSelectElement>('filter-depth');
  const checks = () => [...box.querySelectorAll<HTMLInputElement>('input[name="relation"]')];

  const read = (): NetworkFilters => {
    const all = checks();
    const chosen = all.filter((c) => c.checked).map((c) => c.value);
    const count = Number.parseInt(minCount.value, 10);
    return {
      // All ticked means no filter; none ticked is honoured (an empty graph), not read as "all".
      relations: chosen.length === all.length ? null : chosen,
      from: ISO.test(from.value) ? from.value : null,
      to: ISO.test(to.value) ? to.value : null,
      minCount: Number.isFinite(count) && count >= 1 ? count : 1,
      depth: depth.value === '2' ? 2 : 1,
    };
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(read()), 250);
  };
  byId('filters').addEventListener('change', changed);
  minCount.addEventListener('input', changed);

  const setAll = (test: (score: number) => boolean) => () => {
    for (const c of checks()) c.checked = test(RELATIONS.find((r) => r.name === c.value)?.score ?? 0);
    changed();
  };
  byId('rel-all').addEventListener(
    'click',
    setAll(() => true),
  );
  byId('rel-none').addEventListener(
    'click',
    setAll(() => false),
  );
  byId('rel-conflict').addEventListener(
    'click',
    setAll((s) => s < 0),
  );
  byId('rel-cooperation').addEventListener(
    'click',
    setAll((s) => s >= 0),
  );

  return {
    read,
    setDates(f, t) {
      from.value = f ?? '';
      to.value = t ?? '';
    },
  };
}
