/**
 * Splits an evidence sentence into plain and highlighted parts. Mentions carry offsets into the
 * article; subtracting the sentence's own start gives offsets into the sentence. When those do
 * not point at the mention's text (an older extraction, a trimmed sentence), the text is searched.
 */
import type { Mention } from './types.ts';

export type Role = 'source' | 'target';

export interface Segment {
  text: string;
  role: Role | null;
}

function locate(sentence: string, sentenceStart: number, mention: Mention): [number, number] | null {
  const start = mention.start - sentenceStart;
  const end = mention.end - sentenceStart;
  if (start >= 0 && end <= sentence.length && start < end && sentence.slice(start, end) === mention.text)
    return [start, end];
  if (!mention.text) return null;
  const at = sentence.indexOf(mention.text);
  return at === -1 ? null : [at, at + mention.text.length];
}

export function highlightSegments(
  sentence: string,
  sentenceStart: number,
  source: Mention,
  target: Mention,
): Segment[] {
  const spans: { start: number; end: number; role: Role }[] = [];
  const s = locate(sentence, sentenceStart, source);
  if (s) spans.push({ start: s[0], end: s[1], role: 'source' });
  const t = locate(sentence, sentenceStart, target);
  // Overlapping mentions (one actor named inside the other): the first keeps the span.
  if (t && !spans.some((sp) => t[0] < sp.end && sp.start < t[1]))
    spans.push({ start: t[0], end: t[1], role: 'target' });
  spans.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let pos = 0;
  for (const sp of spans) {
    if (sp.start > pos) out.push({ text: sentence.slice(pos, sp.start), role: null });
    out.push({ text: sentence.slice(sp.start, sp.end), role: sp.role });
    pos = sp.end;
  }
  if (pos < sentence.length) out.push({ text: sentence.slice(pos), role: null });
  return out;
}
