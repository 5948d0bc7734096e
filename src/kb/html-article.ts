import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/**
 * A saved web page or a fetched link → the article as a report: Mozilla's Readability (Firefox Reader View) finds
 * the article in the page, parsed by linkedom; its paragraphs become the report's text, so citations quote what
 * the article says and none of the page's chrome. Metadata comes only from what the page states (its title, site
 * name, publication time, canonical address); nothing is guessed.
 */

export interface ExtractedArticle {
  title: string;
  outlet: string | null;
  /** YYYY-MM-DD, when the page states a publication time. */
  published: string | null;
  /** The page's canonical address, when it states one. */
  url: string | null;
  /** "Title\n\nparagraph\n\nparagraph…", the form every report is stored in. */
  text: string;
  paragraphs: number;
}

/** Pages state metadata in many places; a title longer than this is not a title. */
const MAX_TITLE = 300;
// Captions and table cells are not the article's prose; the article's own lists and quotations are.
const BLOCKS = 'p, h2, h3, h4, h5, h6, li, blockquote, pre';

function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

type PageDocument = ReturnType<typeof parseHTML>['document'];

function metaContent(document: PageDocument, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = plain(
      document.querySelector(selector)?.getAttribute('content') ?? document.querySelector(selector)?.getAttribute('href'),
    );
    if (value) return value;
  }
  return null;
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (match) return `${match[1]}-${match[2]}-${match[3]}`;
  return null;
}

function absoluteHttpUrl(value: string | null, base: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The article's paragraphs from Readability's cleaned HTML, one per block, nested blocks counted once. */
function paragraphsOf(content: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  const paragraphs: string[] = [];
  for (const element of document.querySelectorAll(BLOCKS)) {
    // A block inside another block (a <p> in a <blockquote>, an <li> in an <li>) is read with its outer block.
    if (element.parentElement?.closest(BLOCKS)) continue;
    const text = plain(element.textContent);
    if (!text) continue;
    paragraphs.push(element.tagName === 'LI' ? `- ${text}` : text);
  }
  return paragraphs;
}

export function extractArticle(html: string, pageUrl?: string): ExtractedArticle | { reason: string } {
  const { document } = parseHTML(html);
  const canonical = absoluteHttpUrl(metaContent(document, ['link[rel="canonical"]', 'meta[property="og:url"]']), pageUrl);
  const published = isoDate(
    metaContent(document, [
      'meta[property="article:published_time"]',
      'meta[name="pubdate"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
    ]),
  );
  const siteName = metaContent(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']);
  const article = new Readability(document as never, { charThreshold: 300 }).parse();
  if (!article?.content) return { reason: 'no article could be found on the page' };
  const paragraphs = paragraphsOf(article.content);
  if (paragraphs.join(' ').length < 200) return { reason: 'the page holds too little article text to be a report' };
  const title = plain(article.title).slice(0, MAX_TITLE) || paragraphs[0]!.slice(0, 80);
  return {
    title,
    outlet: plain(article.siteName ?? siteName) || null,
    published: published ?? isoDate(article.publishedTime),
    url: canonical,
    text: `${title}\n\n${paragraphs.join('\n\n')}\n`,
    paragraphs: paragraphs.length,
  };
}
