/** How values become colours and sizes: edge colour by conflict/cooperation score, width by count, node size by degree. */

/** Scores within ±NEUTRAL count as neutral (grey). */
export const NEUTRAL = 0.5;
export const CONFLICT_COLOR = '#C62828';
export const NEUTRAL_COLOR = '#9AA0A6';
export const COOPERATION_COLOR = '#1565C0';
const CONFLICT_LIGHT = '#EF9A9A';
const COOPERATION_LIGHT = '#90CAF9';

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  const c = (x: number, y: number) =>
    Math.round(x + (y - x) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${c(r1, r2)}${c(g1, g2)}${c(b1, b2)}`;
}

/** Red for conflict (darker the more negative), grey near zero, blue for cooperation. */
export function scoreColor(score: number | null | undefined): string {
  if (score === null || score === undefined || Number.isNaN(score) || Math.abs(score) <= NEUTRAL) return NEUTRAL_COLOR;
  const t = Math.min(1, (Math.abs(score) - NEUTRAL) / (6 - NEUTRAL));
  return score < 0
    ? mix(CONFLICT_LIGHT, CONFLICT_COLOR, 0.35 + 0.65 * t)
    : mix(COOPERATION_LIGHT, COOPERATION_COLOR, 0.35 + 0.65 * t);
}

export function scoreClass(score: number | null | undefined): 'conflict' | 'neutral' | 'cooperation' {
  if (score === null || score === undefined || Math.abs(score) <= NEUTRAL) return 'neutral';
  return score < 0 ? 'conflict' : 'cooperation';
}

/** Edge width in pixels: grows with the log of the event count. */
export function edgeWidth(count: number): number {
  return Math.min(6, 1 + 1.2 * Math.log2(Math.max(1, count)));
}

/** Node size in pixels: grows with the square root of the degree. */
export function nodeSize(degree: number, seed = false): number {
  return Math.min(26, 5 + 2.2 * Math.sqrt(Math.max(0, degree))) + (seed ? 4 : 0);
}
