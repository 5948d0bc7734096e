import { AUXILIARIES, isFiniteVerb } from './english-model.ts';
import { countWords, tokenize } from './text.ts';

/**
 * Turns a scraped report into its title and body paragraphs, dropping what a reader skips: site chrome, photo
 * captions and credits, the headline repeated as a subtitle. The rules are structural (position, length,
 * repetition, punctuation) plus a short list of boilerplate phrases, so they hold for the next scraped report
 * rather than for one file. Offsets always point into the original text; nothing is rewritten.
 */

export type RemovedKind = 'chrome' | 'caption' | 'credit' | 'subtitle' | 'duplicate' | 'heading';

export interface BodyBlock {
  kind: 'paragraph' | 'bullet';
  start: number;
  end: number;
  heading: string | null;
}

export interface CleanedReport {
  title: string;
  outlet: string | null;
  blocks: BodyBlock[];
  removed: Array<{ kind: RemovedKind; text: string }>;
}

interface Line {
  start: number;
  end: number;
  text: string;
  bullet: boolean;
  markdownHeading: boolean;
  blankBefore: boolean;
}

const BULLET_MARKER = /^(?:[•●▪◦‣∙·*+-]|\d{1,2}[.)])\s+/u;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
const TERMINAL_PUNCTUATION = /[.!?…:;"”’')\]]$/u;

/** Labels and widgets that scraped news pages carry around the article. */
const BOILERPLATE = new RegExp(
  [
    '^(?:news update|breaking(?: news)?|update[ds]?|live(?: updates)?|exclusive|advertisement|sponsored(?: content)?',
    'opinion|analysis|trending|popular|latest news|top stories|read more|read next|see also|related(?: articles| posts| stories| news)?',
    'share(?: this(?: article| story)?| on \\w+)?|click to share\\b.*|subscribe\\b.*|sign up\\b.*|follow us\\b.*|tags?:.*',
    'comments?|\\d+ comments?|leave a (?:reply|comment)|post a comment|cancel reply|you (?:might|may) also like\\b.*',
    'more from (?:the )?author|recommended(?: for you)?|your email address will not be published\\b.*',
    'required fields are marked\\b.*|save my name\\b.*|notify me\\b.*|all rights reserved\\b.*|copyright\\b.*|©.*',
    // A link to another story: "[Related: Salesforce Dreamforce Keynote: AI …]", "READ MORE: Six arrested in …".
    '\\[?\\s*(?:related|read more|read also|also read|see also|more on this)(?: (?:article|story|stories|content|coverage))?\\s*:.*)$',
  ].join('|'),
  'i',
);

/** Once one of these appears, the article is over: what follows is comments, related links or footer. */
const END_OF_ARTICLE =
  /^(?:you (?:might|may) also like|more from (?:the )?author|leave a (?:reply|comment)|post a comment|related(?: articles| posts| stories)?|comments?|\d+ comments?)\b/i;

/** "Credit" only as a credit's label ("Credit: Tyvak", "Photo credit NASA"): "MIDFLORIDA Credit Union Amphitheatre" is a venue. */
const PHOTO_CREDIT =
  /\b(?:getty(?: images)?|reuters|ap photo|afp|shutterstock|alamy|epa|photo(?:graph)?|image|courtesy)\b|^(?:(?:photo|image|picture)\s+)?credits?\b|\bcredits?:/i;
/**
 * A caption that carries its own credit at the end, as scraped pages glue them: "Strikers at a rally. Photograph:
 * Guy Smallman/Getty Images", "…phenomenon.Credit: Ou Dongqu/Xinhua", "…a large rodentCredit: The Siberian Times",
 * "…in 2015. Chuck Burton/AP hide caption",
 * "US professor Kevin King (left) and his colleague Timothy Weeks AP" (a news agency's name, where a sentence
 * would have ended).
 */
const TRAILING_CREDIT =
  /(?:(?:\b|(?<=\p{Ll}))(?:[Pp]hotograph|[Pp]hoto|[Pp]icture|[Ii]mage|[Ii]llustration|[Cc]redit)s?:\s*[^.!?]{2,80}|\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}\s?\/\s?\p{Lu}[\p{L}&.' -]{1,40}(?:\/\p{Lu}[\p{L}&.' -]{1,30})?(?:\s+hide caption)?|\bhide caption|\s(?:AP|AFP|Reuters|EPA|Getty Images|Shutterstock|Alamy|Xinhua)(?: (?:Photo|Images?))?)$/u;
/** Players and galleries label their captions: "Media captionDrone footage shows…", "Image caption …", "Video: In this talk …". */
const CAPTION_LABEL = /^(?:media caption|image caption|caption|image copyright|photo:|video:|pictured:)\s*\S/i;
const MAX_CAPTION_WORDS = 60;
/** A line of a list is a short one; a longer line without a full stop is prose cut short or a caption. */
const MAX_LIST_ENTRY_WORDS = 16;
/** An entry of a list the article gives: several words in parts ("Kent, Washington", "July 19 – Toronto @ …"). */
const LIST_ENTRY = /^(?=(?:\S+\s+){2,})[^|]*?(?:, | [–—-] | @ )/u;
/** "By Nada Tawfik, BBC News, New York" */
const BYLINE = /^by \p{Lu}\p{L}+(?: \p{Lu}[\p{L}.'’-]+){0,3}(?:$|,| and )/iu;
const MARKDOWN_IMAGE = /^!\[[^\]]*\]\([^)]*\)$/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
  let blankBefore = true;
  for (let match = pattern.exec(text); match && match[0].length > 0; match = pattern.exec(text)) {
    const raw = match[0].replace(/[\r\n]+$/, '');
    const leading = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (content.length === 0) {
      blankBefore = true;
      continue;
    }
    let start = match.index + leading;
    let body = content;
    const bulletMarker = BULLET_MARKER.exec(body);
    const headingMarker = MARKDOWN_HEADING.exec(body);
    const marker = bulletMarker ?? headingMarker;
    if (marker) {
      start += marker[0].length;
      body = body.slice(marker[0].length);
    }
    lines.push({
      start,
      end: start + body.length,
      text: body,
      bullet: bulletMarker !== null,
      markdownHeading: headingMarker !== null,
      blankBefore,
    });
    blankBefore = false;
  }
  return lines;
}

/** Re-joins a paragraph that the source hard-wrapped over several lines. */
function joinWrappedLines(lines: Line[], text: string): Line[] {
  const joined: Line[] = [];
  for (const line of lines) {
    const previous = joined.at(-1);
    const continues =
      previous !== undefined &&
      !line.blankBefore &&
      !line.bullet &&
      !previous.bullet &&
      !line.markdownHeading &&
      !previous.markdownHeading &&
      previous.text.length >= 40 &&
      !TERMINAL_PUNCTUATION.test(previous.text) &&
      /^[\p{Ll}\d,;(]/u.test(line.text);
    if (continues) {
      previous.end = line.end;
      previous.text = text.slice(previous.start, previous.end);
    } else {
      joined.push({ ...line });
    }
  }
  return joined;
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function isShortLabel(line: Line): boolean {
  return !line.bullet && countWords(line.text) <= 10 && !TERMINAL_PUNCTUATION.test(line.text);
}

function isPhotoCredit(line: Line): boolean {
  if (!isShortLabel(line) || countWords(line.text) > 8) return false;
  // "Chuck Burton/AP", not a date ("11/08/23").
  return /\p{L}\s*\/\s*\p{L}/u.test(line.text) || PHOTO_CREDIT.test(line.text);
}

/**
 * A credit with nothing else in it ("Photograph: Reuters", "Getty Images"): the line above it may be its caption.
 * A credit line that holds a sentence of its own ("BCCI logo. Photograph: Reuters") is caption and credit at once,
 * and the paragraph above it is article text.
 */
function isCreditOnly(line: Line): boolean {
  return !/[.!?]["”’)]?\s*\S/u.test(line.text);
}

/**
 * "Main image credit: Getty" credits the picture at the top of the page, not a caption above it: the line before
 * such a credit is whatever the article said last.
 */
const CREDITS_PAGE_IMAGE = /^(?:main|top|lead|header|featured|hero|cover)\s+(?:image|photo|picture|photograph)\b/i;

/** A photo or video caption: labelled as one, or a sentence or two ending in the photo's credit. */
function isCaption(line: Line): boolean {
  if (line.bullet || countWords(line.text, MAX_CAPTION_WORDS + 1) > MAX_CAPTION_WORDS) return false;
  return CAPTION_LABEL.test(line.text) || TRAILING_CREDIT.test(line.text);
}

const NON_FINITE = new Set(['be', 'been', 'being']);

/** A line ending as a sentence does, with a finite verb in it: "He said it had cast a spotlight on inequity." */
function readsAsSentence(text: string): boolean {
  if (!TERMINAL_PUNCTUATION.test(text)) return false;
  return tokenize(text).some(({ word }) => (AUXILIARIES.has(word) && !NON_FINITE.has(word)) || isFiniteVerb(word));
}

/** A caption is short; a line this long is article prose, whatever comes after it. */
const MAX_CAPTION_ABOVE_CREDIT_WORDS = 30;

/** Splits "Headline | Outlet" into its parts; a title without the suffix has no outlet. */
export function splitTitle(firstLine: string): { title: string; outlet: string | null } {
  const cleaned = firstLine.replace(MARKDOWN_HEADING, '').trim();
  const separator = cleaned.lastIndexOf(' | ');
  if (separator > 0) {
    const outlet = cleaned.slice(separator + 3).trim();
    const title = cleaned.slice(0, separator).trim();
    if (outlet.length > 0 && title.length > 0) return { title, outlet };
  }
  return { title: cleaned, outlet: null };
}

function isSubtitleOf(title: string, line: Line): boolean {
  if (line.bullet || TERMINAL_PUNCTUATION.test(line.text) || countWords(line.text) > 25) return false;
  const candidate = comparable(line.text);
  const headline = comparable(title);
  return candidate.length > 0 && (headline.startsWith(candidate) || candidate.startsWith(headline));
}

export function cleanReport(text: string): CleanedReport {
  const lines = joinWrappedLines(splitLines(text), text);
  const first = lines[0];
  if (!first) return { title: '', outlet: null, blocks: [], removed: [] };
  const { title, outlet } = splitTitle(first.text);
  const rest = lines.slice(1);
  const removed: CleanedReport['removed'] = [];
  type Label = RemovedKind | 'body' | 'heading-candidate' | 'list-entry';
  const labels: Label[] = rest.map(() => 'body');

  let articleOver = false;
  // Words of prose (sentences, not labels) on each line, and after each line, to tell a widget from the end.
  const prose = rest.map((line) => (!line.bullet && TERMINAL_PUNCTUATION.test(line.text) ? countWords(line.text, 1_000) : 0));
  const proseAfter = new Array<number>(rest.length);
  for (let index = rest.length - 1, total = 0; index >= 0; index--) {
    proseAfter[index] = total;
    total += prose[index]!;
  }
  let proseBefore = 0;
  const seen = new Set<string>();
  // Captions and labels are short; a long line is compared as it is, which is far cheaper on large reports.
  const keys = rest.map((line) => (line.text.length > 160 ? line.text : comparable(line.text)));
  rest.forEach((line, index) => {
    const key = keys[index]!;
    const previousKey = keys[index - 1];
    const nextKey = keys[index + 1];
    const boilerplateSized = !line.bullet && countWords(line.text) <= 12;
    // "Comments" or "Related" ends the article only when less prose follows it than came before: above or inside
    // the article it is a widget label, and dropping the article after it would lose what the report is for.
    if (articleOver || (boilerplateSized && END_OF_ARTICLE.test(line.text) && proseAfter[index]! < proseBefore)) {
      articleOver = true;
      labels[index] = 'chrome';
    } else if (MARKDOWN_IMAGE.test(line.text) || (boilerplateSized && BOILERPLATE.test(line.text))) {
      labels[index] = 'chrome';
    } else if (key === previousKey || key === nextKey) {
      // Scraped images often leave their caption twice: once as alt text, once as the figure caption.
      labels[index] = 'caption';
    } else if (seen.has(key)) {
      labels[index] = 'duplicate';
    } else if (isPhotoCredit(line)) {
      labels[index] = 'credit';
      // The short line right above a bare photo credit is that photo's caption when it is no sentence ("Michael
      // McDonald on stage in 2019", "A file photo of the ministry."). A sentence there is as often the article's
      // ("But the company says she didn't need their permission.", above an embedded tweet's "Image Copyright
      // @BigMachine"), and article text is never dropped for a guess.
      const above = rest[index - 1];
      if (
        above &&
        labels[index - 1] === 'body' &&
        !above.bullet &&
        // A caption is often left twice, as alt text above the credit and as the figure's caption below it.
        (!readsAsSentence(above.text) || keys[index - 1] === keys[index + 1]) &&
        isCreditOnly(line) &&
        !CREDITS_PAGE_IMAGE.test(line.text) &&
        countWords(above.text, 64) <= MAX_CAPTION_ABOVE_CREDIT_WORDS
      ) {
        labels[index - 1] = 'caption';
      }
    } else if (isCaption(line)) {
      labels[index] = 'caption';
    } else if (isSubtitleOf(title, line)) {
      labels[index] = 'subtitle';
    } else if (line.markdownHeading || isShortLabel(line)) {
      labels[index] = 'heading-candidate';
    }
    seen.add(key);
    if (labels[index] === 'body') proseBefore += prose[index]!;
  });

  // A run of three or more short lines shaped like entries ("July 19 – Toronto, ON @ Budweiser Stage", "Blue
  // Origin, Kent, Washington") is a list the article gives; a byline says who wrote it. Both are article text.
  // An entry too long for a label ("June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta,
  // GA") is body text already, and still one of the list's entries when it opens as the entry beside it does
  // ("June 10 -- …"): it does not break the run.
  const firstWord = (index: number) => /^\S+/.exec(rest[index]?.text ?? '')?.[0];
  const opensLikeANeighbour = (index: number) =>
    [index - 1, index + 1].some((other) => labels[other] === 'heading-candidate' && firstWord(other) === firstWord(index));
  const listEntry = (index: number) => {
    const line = rest[index];
    if (!line || !LIST_ENTRY.test(line.text)) return false;
    if (labels[index] === 'heading-candidate') return true;
    return (
      labels[index] === 'body' &&
      !line.bullet &&
      !TERMINAL_PUNCTUATION.test(line.text) &&
      countWords(line.text) <= MAX_LIST_ENTRY_WORDS &&
      opensLikeANeighbour(index)
    );
  };
  const inList = rest.map(
    (_, index) =>
      listEntry(index) &&
      ((listEntry(index - 1) && (listEntry(index - 2) || listEntry(index + 1))) || (listEntry(index + 1) && listEntry(index + 2))),
  );
  labels.forEach((label, index) => {
    if (inList[index]) labels[index] = 'list-entry';
    else if (label === 'heading-candidate' && BYLINE.test(rest[index]!.text)) labels[index] = 'body';
  });
  // A heading introduces body text; a short label followed by anything else is page furniture.
  labels.forEach((label, index) => {
    if (label !== 'heading-candidate') return;
    labels[index] = labels[index + 1] === 'body' ? 'heading' : 'chrome';
  });

  const blocks: BodyBlock[] = [];
  let heading: string | null = null;
  // The sentence that opens a list ("The Doobie Brothers 50th Anniversary Tour 2020 dates:") says what its entries
  // are, as a heading does: "Sept. 5 -- White River Amphitheatre. Seattle, WA" is a date of that tour.
  let listIntro: string | null = null;
  rest.forEach((line, index) => {
    const label = labels[index]!;
    if (label === 'list-entry' && labels[index - 1] !== 'list-entry') {
      const before = rest[index - 1];
      listIntro = before && labels[index - 1] === 'body' && /:\s*$/.test(before.text) ? before.text : null;
    }
    if (label === 'heading') {
      heading = line.text;
      removed.push({ kind: 'heading', text: line.text });
    } else if (label === 'body' || label === 'list-entry') {
      const context = label === 'list-entry' ? (listIntro ?? heading) : heading;
      blocks.push({
        kind: line.bullet || label === 'list-entry' ? 'bullet' : 'paragraph',
        start: line.start,
        end: line.end,
        heading: context,
      });
    } else {
      removed.push({ kind: label as RemovedKind, text: line.text });
    }
  });
  return { title, outlet, blocks, removed };
}
