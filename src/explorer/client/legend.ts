/** The legend: actor kinds (shape and colour), edge colours (conflict / neutral / cooperation), width, arrows. */
import { byId, h, svgShape } from './dom.ts';
import { KIND_STYLES } from './ontology.ts';
import { CONFLICT_COLOR, COOPERATION_COLOR, NEUTRAL_COLOR, scoreColor } from './palette.ts';
import { SHAPE_PATHS } from './shapes.ts';

function line(color: string, width: number): HTMLElement {
  return h('span', { class: 'legend-line', style: `background:${color};height:${width}px` });
}

export function renderLegend(): void {
  byId('legend-body').replaceChildren(
    h(
      'ul',
      { class: 'legend-kinds' },
      ...KIND_STYLES.map((k) => h('li', {}, svgShape(SHAPE_PATHS[k.shape], k.color, 14), k.label)),
    ),
    h(
      'ul',
      { class: 'legend-edges' },
      h('li', {}, line(CONFLICT_COLOR, 3), 'conflict (score < 0)'),
      h('li', {}, line(NEUTRAL_COLOR, 3), 'neutral'),
      h('li', {}, line(COOPERATION_COLOR, 3), 'cooperation (score > 0)'),
      h(
        'li',
        {},
        h('span', {
          class: 'legend-gradient',
          style: `background:linear-gradient(90deg, ${scoreColor(-8)}, ${scoreColor(-1)}, ${NEUTRAL_COLOR}, ${scoreColor(1)}, ${scoreColor(8)})`,
        }),
        '−10 … +10',
      ),
      h('li', {}, line('#555', 1), line('#555', 3), line('#555', 7), 'width: event count'),
      h('li', {}, h('span', { class: 'legend-arrow', 'aria-hidden': 'true' }, '⟶'), 'source acts on target'),
    ),
  );
}
