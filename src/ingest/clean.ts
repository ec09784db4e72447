/** Page furniture removal, title/published-line detection and the dateline. */
import { PAGE_FURNITURE } from './data.ts';
import { parseDate } from './dates.ts';

export interface CleanBody {
  text: string;
  title: string | null;
  publishedAt: string | null;
  dateline: string | null;
  /** Length of the dateline prefix ("BEIJING: ") in `text`, 0 if none. */
  datelineLength: number;
}

/** Lines after which nothing belongs to the article. */
const END_OF_ARTICLE = new RegExp(`^(${PAGE_FURNITURE.endOfArticle.join('|')})`, 'i');
const PUBLISHED_LINE = /^(?:Published|Updated|Posted|Last updated)(?:\s+(?::\s+)?|:\s+)(.{6,60})$/i;
/** Photo captions end with a credit: "… — Reuters/File", "(Photo: AFP)". */
const CAPTION = new RegExp(
  `(\\s[—–-]\\s?(${PAGE_FURNITURE.captionCredits.join('|')})[\\w/ .]*$)|(\\((Photo|Image|File)[^)]*\\)\\s*$)`,
);
const DATELINE = /^([A-Z][A-Z .'’-]{1,40}[A-Z])(,\s*[A-Z][A-Za-z. ]{1,30})?(\s*\([^)]{1,30}\))?\s*([:—–]|-{1,2})\s+/;

/**
 * Runs of spaces, tabs and no-break spaces that are not already one plain space: replacing only these gives the
 * same line as replacing every run by one space, without rebuilding lines whose words are single-spaced.
 */
const SPACING = /[ \t\u00A0]{2,}|[\t\u00A0]/g;

export function cleanBody(body: string, knownTitle: string | null): CleanBody {
  const rawLines = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(SPACING, ' ').trim());
  const seen = new Set<string>();
  const kept: string[] = [];
  let title = knownTitle;
  let publishedAt: string | null = null;
  let firstContent = true;
  for (const [index, line] of rawLines.entries()) {
    if (line === '') {
      kept.push('');
      continue;
    }
    if (END_OF_ARTICLE.test(line) && kept.some((l) => l.length > 80)) break;
    const pub = PUBLISHED_LINE.exec(line);
    if (pub && kept.filter((l) => l.length > 80).length === 0) {
      publishedAt ??= parseDate(pub[1]!);
      continue;
    }
    if (CAPTION.test(line) || seen.has(line)) continue;
    seen.add(line);
    // A short first line without a full stop, followed later by the body, is the headline.
    if (firstContent) {
      firstContent = false;
      if (knownTitle && line === knownTitle.trim()) continue;
      // A line ending in a colon introduces what follows ("The below is attributable to …:"): never a headline.
      if (
        !knownTitle &&
        line.length < 200 &&
        !/[.!?”":]$/.test(line) &&
        rawLines.slice(index + 1).some((l) => l.length > 80)
      ) {
        title = line;
        continue;
      }
    }
    kept.push(line);
  }
  // Kept lines are trimmed and hold no line break: each non-empty one is a paragraph.
  const paragraphs = kept.filter((p) => p !== '');
  const text = paragraphs.join('\n\n');
  const dl = DATELINE.exec(text);
  const dateline = dl && dl[1]!.length >= 3 ? dl[1]!.trim() : null;
  return { text, title, publishedAt, dateline, datelineLength: dateline && dl ? dl[0].length : 0 };
}
