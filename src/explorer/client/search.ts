/**
 * The actor search box (ARIA combobox): type to search names and aliases, ArrowDown into the
 * results, Enter picks the highlighted (or first) actor, Escape closes the list.
 */
import { byId, h } from './dom.ts';
import { kindBadge } from './details.ts';
import type { ActorSummary } from './types.ts';

export interface SearchBox {
  /** Runs a search and picks its first result (used by the page's test hooks). */
  searchAndPick(query: string): Promise<ActorSummary | null>;
  setValue(text: string): void;
}

export function createSearchBox(
  search: (q: string) => Promise<ActorSummary[]>,
  onPick: (actor: ActorSummary) => void,
  onError: (error: unknown) => void,
): SearchBox {
  const input = byId<HTMLInputElement>('search');
  const list = byId('search-results');
  let results: ActorSummary[] = [];
  let active = -1;
  let seq = 0;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const show = (): void => {
    list.replaceChildren(
      ...(results.length === 0
        ? [h('li', { class: 'muted', role: 'presentation' }, 'No actor found.')]
        : results.map((a, i) =>
            h(
              'li',
              {
                role: 'option',
                id: `search-opt-${i}`,
                'aria-selected': i === active ? 'true' : 'false',
                class: i === active ? 'option active' : 'option',
                'data-index': i,
              },
              h('span', { class: 'name' }, a.name),
              kindBadge(a.kind),
              a.country ? h('span', { class: 'muted small' }, a.country) : null,
            ),
          )),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const run = async (q: string): Promise<ActorSummary[]> => {
    const mine = (seq += 1);
    const found = q.trim() ? await search(q.trim()) : [];
    if (mine === seq) {
      results = found;
      active = -1;
      if (q.trim()) show();
      else close();
    }
    return found;
  };

  const pick = (index: number): void => {
    const actor = results[index];
    if (!actor) return;
    input.value = actor.name;
    close();
    onPick(actor);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value).catch(onError), 200);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      active = event.key === 'ArrowDown' ? Math.min(results.length - 1, active + 1) : Math.max(0, active - 1);
      show();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      if (active >= 0) pick(active);
      else
        void run(input.value)
          .then(() => pick(0))
          .catch(onError);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  list.addEventListener('mousedown', (event) => {
    const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    if (option?.dataset.index) {
      event.preventDefault();
      pick(Number(option.dataset.index));
    }
  });

  return {
    async searchAndPick(query) {
      input.value = query;
      const found = await run(query);
      if (found.length === 0) return null;
      pick(0);
      return found[0] ?? null;
    },
    setValue(text) {
      input.value = text;
    },
  };
}
