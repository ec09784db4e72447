/**
 * A keyboard-operable list (ARIA listbox): Tab focuses it, arrows / Home / End / PageUp / PageDown
 * move the active item, Enter or Space chooses it; a click chooses too.
 */
import { h } from './dom.ts';

export interface ListItem {
  id: string;
  content: Node;
  label: string;
}

export interface Listbox {
  setItems(items: ListItem[], note?: string): void;
  /** Marks an item as chosen (from elsewhere, e.g. a click on the graph) without calling onChoose. */
  mark(id: string | null): void;
  readonly element: HTMLElement;
}

let counter = 0;

export function createListbox(element: HTMLElement, onChoose: (id: string) => void): Listbox {
  const prefix = `lb${(counter += 1)}`;
  element.setAttribute('role', 'listbox');
  element.tabIndex = 0;
  let items: ListItem[] = [];
  let active = -1;
  let chosen: string | null = null;
  const optionId = (i: number) => `${prefix}-${i}`;

  const setActive = (index: number, scroll = true): void => {
    if (items.length === 0) {
      active = -1;
      element.removeAttribute('aria-activedescendant');
      return;
    }
    active = Math.max(0, Math.min(items.length - 1, index));
    element.querySelector('.active')?.classList.remove('active');
    const option = document.getElementById(optionId(active));
    option?.classList.add('active');
    element.setAttribute('aria-activedescendant', optionId(active));
    if (scroll) option?.scrollIntoView({ block: 'nearest' });
  };

  const choose = (index: number): void => {
    const item = items[index];
    if (!item) return;
    setActive(index);
    mark(item.id);
    onChoose(item.id);
  };

  const mark = (id: string | null): void => {
    chosen = id;
    element.querySelectorAll('[aria-selected="true"]').forEach((el) => el.setAttribute('aria-selected', 'false'));
    if (id === null) return;
    const index = items.findIndex((it) => it.id === id);
    if (index === -1) return;
    document.getElementById(optionId(index))?.setAttribute('aria-selected', 'true');
    setActive(index);
  };

  element.addEventListener('keydown', (event) => {
    const page = Math.max(1, Math.floor(element.clientHeight / 32));
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: active + page,
      PageUp: active - page,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      setActive(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(active === -1 ? 0 : active);
    }
  });
  element.addEventListener('focus', () => {
    if (active === -1 && items.length > 0) setActive(0);
  });
  element.addEventListener('click', (event) => {
    const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    if (option?.dataset.index) choose(Number(option.dataset.index));
  });

  return {
    element,
    setItems(next, note) {
      items = next;
      active = -1;
      element.replaceChildren(
        ...items.map((item, i) =>
          h(
            'div',
            {
              role: 'option',
              id: optionId(i),
              'data-index': i,
              'data-id': item.id,
              'aria-selected': item.id === chosen ? 'true' : 'false',
              'aria-label': item.label,
              class: 'option',
            },
            item.content,
          ),
        ),
      );
      if (note) element.append(h('div', { class: 'list-note', role: 'presentation' }, note));
      if (chosen) mark(chosen);
    },
    mark,
  };
}
