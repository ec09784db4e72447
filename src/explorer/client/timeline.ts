/**
 * The date slider under the graph: a monthly histogram of events with a two-handle range over it.
 * Moving a handle (mouse or arrow keys) narrows the network to events in that window; Play slides
 * a window across the whole span so one can watch the network change.
 */
import { byId, h } from './dom.ts';
import type { TimelineBucket } from './types.ts';

export interface Timeline {
  setBuckets(buckets: TimelineBucket[], span: { first: string; last: string } | null): void;
  /** Sets the handles from dates (e.g. typed in the filter form). */
  setRange(from: string | null, to: string | null): void;
  isPlaying(): boolean;
}

function monthKey(date: string): string {
  return date.slice(0, 7);
}

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    if (out.length > 1200) break;
  }
  return out;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function createTimeline(onRange: (from: string | null, to: string | null) => Promise<void> | void): Timeline {
  const root = byId('timeline');
  const bars = byId('timeline-bars');
  const lo = byId<HTMLInputElement>('range-from');
  const hi = byId<HTMLInputElement>('range-to');
  const label = byId('range-label');
  const play = byId<HTMLButtonElement>('timeline-play');
  const reset = byId<HTMLButtonElement>('timeline-reset');
  let months: string[] = [];
  let playing = false;

  const describe = (): void => {
    const a = months[Number(lo.value)];
    const b = months[Number(hi.value)];
    label.textContent = a && b ? (a === b ? a : `${a} – ${b}`) : 'no dated events';
    lo.setAttribute('aria-valuetext', a ?? '');
    hi.setAttribute('aria-valuetext', b ?? '');
    bars
      .querySelectorAll<HTMLElement>('.bar')
      .forEach((bar, i) => bar.classList.toggle('in', i >= Number(lo.value) && i <= Number(hi.value)));
  };

  const currentRange = (): [string | null, string | null] => {
    const a = Number(lo.value);
    const b = Number(hi.value);
    if (months.length === 0 || (a === 0 && b === months.length - 1)) return [null, null];
    return [`${months[a]}-01`, lastDayOfMonth(months[b] ?? months[months.length - 1] ?? '')];
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (): void => {
    if (Number(lo.value) > Number(hi.value)) {
      if (document.activeElement === lo) hi.value = lo.value;
      else lo.value = hi.value;
    }
    describe();
    clearTimeout(timer);
    timer = setTimeout(() => void onRange(...currentRange()), 300);
  };
  lo.addEventListener('input', changed);
  hi.addEventListener('input', changed);

  const stop = (): void => {
    playing = false;
    play.textContent = '▶ Play';
    play.setAttribute('aria-pressed', 'false');
    root.classList.remove('playing');
  };

  play.addEventListener('click', async () => {
    if (playing) {
      stop();
      return;
    }
    if (months.length < 2) return;
    playing = true;
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-pressed', 'true');
    root.classList.add('playing');
    // A window of about a sixth of the span (at least one month) slides to the end.
    const width = Math.max(0, Math.round(months.length / 6) - 1);
    let start = Number(hi.value) - Number(lo.value) === months.length - 1 ? 0 : Number(lo.value);
    while (playing && start + width < months.length) {
      lo.value = String(start);
      hi.value = String(start + width);
      describe();
      const tick = new Promise((r) => setTimeout(r, 900));
      await onRange(...currentRange());
      await tick;
      start += 1;
    }
    stop();
  });
  reset.addEventListener('click', () => {
    stop();
    lo.value = '0';
    hi.value = String(Math.max(0, months.length - 1));
    changed();
  });

  return {
    setBuckets(buckets, span) {
      const counts = new Map<string, number>();
      for (const b of buckets) counts.set(monthKey(b.start), (counts.get(monthKey(b.start)) ?? 0) + b.count);
      const keys = [...counts.keys()].sort();
      const first = [keys[0], span?.first.slice(0, 7)].filter((x): x is string => !!x).sort()[0];
      const last = [keys[keys.length - 1], span?.last.slice(0, 7)]
        .filter((x): x is string => !!x)
        .sort()
        .pop();
      months = first && last ? monthsBetween(first, last) : [];
      const max = Math.max(1, ...counts.values());
      bars.replaceChildren(
        ...months.map((m) => {
          const c = counts.get(m) ?? 0;
          return h('div', {
            class: 'bar',
            title: `${m}: ${c} events`,
            style: `height:${c === 0 ? 0 : Math.max(6, (100 * c) / max)}%`,
          });
        }),
      );
      for (const input of [lo, hi]) {
        input.min = '0';
        input.max = String(Math.max(0, months.length - 1));
        input.disabled = months.length < 2;
      }
      play.disabled = months.length < 2;
      lo.value = '0';
      hi.value = String(Math.max(0, months.length - 1));
      byId('timeline-start').textContent = months[0] ?? '';
      byId('timeline-end').textContent = months[months.length - 1] ?? '';
      describe();
    },
    setRange(from, to) {
      if (months.length === 0) return;
      const a = from ? months.findIndex((m) => m >= monthKey(from)) : 0;
      let bIdx = months.length - 1;
      if (to) while (bIdx >= 0 && (months[bIdx] ?? '') > monthKey(to)) bIdx -= 1;
      lo.value = String(a === -1 ? 0 : a);
      hi.value = String(bIdx === -1 ? months.length - 1 : bIdx);
      describe();
    },
    isPlaying: () => playing,
  };
}
