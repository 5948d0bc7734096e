import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { buildKnowledgeBase } from '../src/kb/build.ts';
import { cleanReport, splitTitle } from '../src/kb/clean.ts';
import { segmentSentences } from '../src/kb/segment.ts';
import { KNOWLEDGE_DIR, REPORT_000, REPORT_003 } from './helpers/knowledge.ts';

const read = (file: string) => readFileSync(path.join(KNOWLEDGE_DIR, 'sources', file), 'utf8');
const bodyTexts = (text: string) => cleanReport(text).blocks.map((block) => text.slice(block.start, block.end));

describe('cleaning the bundled reports', () => {
  it('splits the outlet off the title and keeps only article text from report 000', () => {
    const text = read(REPORT_000);
    const report = cleanReport(text);
    expect(report.title).toBe('US intelligence officials reportedly say sources in Russia have gone quiet ahead of the midterm elections');
    expect(report.outlet).toBe('Digital Asia');
    const body = bodyTexts(text);
    expect(body).toHaveLength(12);
    expect(body[0]).toMatch(/^Sources in the Kremlin/);
    expect(body.at(-1)).toMatch(/^Some experts have asserted/);
    const all = body.join('\n');
    for (const chrome of [
      'News Update',
      'pictured above',
      'Spencer Platt/Getty',
      'You might also like',
      'Leave A Reply',
      'Your email address',
    ]) {
      expect(all).not.toContain(chrome);
    }
    expect(report.removed.filter((item) => item.kind === 'caption')).toHaveLength(2);
    expect(report.removed.find((item) => item.kind === 'credit')?.text).toBe('Spencer Platt/Getty');
  });

  it('drops the headline repeated as a subtitle and keeps a section heading as context, not as a paragraph', () => {
    const text = read(REPORT_003);
    const report = cleanReport(text);
    expect(report.outlet).toBeNull();
    const body = bodyTexts(text);
    expect(body).toHaveLength(8);
    expect(body).not.toContain('Putin was Personally Involved in Hacks');
    expect(body).not.toContain('Growing concern');
    expect(report.blocks.slice(-2).map((block) => block.heading)).toEqual(['Growing concern', 'Growing concern']);
    expect(report.blocks[0]!.heading).toBeNull();
  });

  it('marks bullet lines and points their offsets past the bullet marker', () => {
    const text = read(REPORT_000);
    const bullets = cleanReport(text).blocks.filter((block) => block.kind === 'bullet');
    expect(bullets).toHaveLength(3);
    for (const bullet of bullets) expect(text[bullet.start]).toMatch(/[A-Z]/);
  });
});

describe('cleaning rules hold for other scraped pages', () => {
  const page = [
    'Minister resigns over leaked memo | The Daily Example',
    '',
    'BREAKING NEWS',
    '',
    'Minister resigns over leaked memo',
    '',
    'A file photo of the ministry building in the capital.',
    'Jane Doe/Reuters',
    '',
    'The minister resigned on Tuesday after a memo about the budget leaked to reporters, officials said.',
    '',
    'Fallout',
    '',
    'Opposition leaders called for an inquiry into how the memo',
    'was obtained and who passed it on.',
    '',
    'Share this article',
    'Related Posts',
    'Another story entirely about something else.',
  ].join('\n');

  it('removes labels, captions, credits and everything after the related-posts block; re-joins wrapped lines', () => {
    const report = cleanReport(page);
    expect(report.title).toBe('Minister resigns over leaked memo');
    expect(report.outlet).toBe('The Daily Example');
    expect(bodyTexts(page)).toEqual([
      'The minister resigned on Tuesday after a memo about the budget leaked to reporters, officials said.',
      'Opposition leaders called for an inquiry into how the memo\nwas obtained and who passed it on.',
    ]);
    expect(report.blocks[1]!.heading).toBe('Fallout');
  });

  it('reads markdown reports: "#" title, "##" headings and "-" bullets', () => {
    const markdown =
      '# Budget talks stall | Example Wire\n\n## Background\n\nTalks stalled on Monday, negotiators said.\n\n- The deadline is Friday.\n- No new date was set.\n';
    const report = cleanReport(markdown);
    expect(report.title).toBe('Budget talks stall');
    expect(bodyTexts(markdown)).toEqual(['Talks stalled on Monday, negotiators said.', 'The deadline is Friday.', 'No new date was set.']);
    expect(report.blocks[0]!.heading).toBe('Background');
  });

  it('finds words that a scraped page breaks with soft hyphens, and quotes them as written', () => {
    const text =
      'Stores Close After Attack | Island Guardian\n\nSales at the com\u00ADpa\u00ADny\u2019s 23 branch\u00ADes na\u00ADtion\u00ADwide stopped on Sunday.\n';
    const kb = buildKnowledgeBase({ sources: [{ file: 'stores.txt', bytes: Buffer.from(text) }], catalog: null, qa: null, entities: null });
    const answer = answerQuestion(kb, 'when did sales stop at the company branches nationwide?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('com\u00ADpa\u00ADny');
  });

  it('gives an empty report no blocks', () => {
    expect(cleanReport('').blocks).toEqual([]);
    expect(cleanReport('Only a title\n\nLeave a Reply\n').blocks).toEqual([]);
  });

  it('splits "Headline | Outlet" only on the last separator', () => {
    expect(splitTitle('A | B | Outlet')).toEqual({ title: 'A | B', outlet: 'Outlet' });
    expect(splitTitle('No outlet here')).toEqual({ title: 'No outlet here', outlet: null });
  });
});

describe('sentence segmentation', () => {
  const sentences = (text: string) => segmentSentences(text, 0, text.length).map((span) => text.slice(span.start, span.end));

  it('does not break after abbreviations such as U.S. and Mr.', () => {
    expect(sentences('The U.S. Senate met. Mr. Smith told the Times. Gen. Jones left.')).toEqual([
      'The U.S. Senate met.',
      'Mr. Smith told the Times.',
      'Gen. Jones left.',
    ]);
  });

  it('keeps a quotation and its attribution together and offsets exact', () => {
    const text = '“They have shown they are willing to kill sources.” He left. “Really?” she asked.';
    expect(sentences(text)).toEqual(['“They have shown they are willing to kill sources.”', 'He left.', '“Really?” she asked.']);
  });
});
