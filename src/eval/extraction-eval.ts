import { readFileSync } from 'node:fs';
import path from 'node:path';
import { comparableText } from '../kb/text.ts';
import { pageAsReport } from '../kb/writer.ts';

/**
 * How well a saved page becomes a report: for each real page (tests/fixtures/pages, with a ground-truth text of its
 * article made by people), the share of the article's paragraphs the stored report recovers, and the share of the
 * stored text that is not article at all (captions, credits, "Read more", share widgets).
 */

export interface PageScore {
  file: string;
  outlet: string;
  paragraphs: number;
  recovered: number;
  /** Share of the stored text's characters in paragraphs the article does not have. */
  notArticle: number;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

export function scoreExtraction(stored: string, expected: string): { paragraphs: number; recovered: number; notArticle: number } {
  const body = paragraphs(stored).slice(1); // the first line is the title
  const storedAll = ` ${comparableText(body.join(' '))} `;
  const expectedParagraphs = paragraphs(expected)
    .map(comparableText)
    .filter((paragraph) => paragraph.length > 0);
  const expectedAll = ` ${expectedParagraphs.join(' ')} `;
  const recovered = expectedParagraphs.filter((paragraph) => storedAll.includes(` ${paragraph} `)).length;
  let foreign = 0;
  let total = 0;
  for (const paragraph of body) {
    const text = comparableText(paragraph);
    total += text.length;
    if (text.length > 0 && !expectedAll.includes(` ${text} `)) foreign += text.length;
  }
  return {
    paragraphs: expectedParagraphs.length,
    recovered: recovered / Math.max(1, expectedParagraphs.length),
    notArticle: total === 0 ? 0 : foreign / total,
  };
}

export function scoreSavedPages(dir: string): PageScore[] {
  const pages = JSON.parse(readFileSync(path.join(dir, 'pages.json'), 'utf8')) as Array<{
    file: string;
    expected: string;
    outlet: string;
    url: string;
  }>;
  return pages.map((page) => {
    const report = pageAsReport({
      originalName: page.file,
      bytes: readFileSync(path.join(dir, page.file)),
      metadata: {},
      pageUrl: page.url,
    });
    const score = scoreExtraction(report.bytes.toString('utf8'), readFileSync(path.join(dir, page.expected), 'utf8'));
    return { file: page.file, outlet: page.outlet, ...score };
  });
}
