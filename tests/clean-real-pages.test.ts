import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { loadEvalSet } from '../src/eval/answer-eval.ts';
import { cleanReport } from '../src/kb/clean.ts';
import { knowledgeOfReports, PROJECT_ROOT, reportText } from './helpers/knowledge.ts';

/**
 * The cleaner on 72 real news pages as scraped, from 72 outlets (tests/eval/real): every paragraph an eval
 * question cites must survive as article text, and the captions and credits glued into those pages must not.
 */

const HALVES = ['dev', 'dev2', 'dev3', 'dev4', 'test', 'fresh', 'fresh2'].map((half) => path.join(PROJECT_ROOT, 'tests/eval/real', half));

/** The article text the cleaner keeps: body paragraphs, and section headings (kept as their paragraphs' context). */
function bodyOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return cleanReport(text).blocks.flatMap((block) => [text.slice(block.start, block.end), ...(block.heading ? [block.heading] : [])]);
}

describe('cleaning real scraped pages', () => {
  it('keeps every paragraph that an eval question cites, on every page', () => {
    const lost: string[] = [];
    let checked = 0;
    for (const dir of HALVES) {
      const set = loadEvalSet(path.join(dir, 'questions.json'));
      const bodies = new Map(readdirSync(path.join(dir, 'sources')).map((file) => [file, bodyOf(path.join(dir, 'sources', file))]));
      for (const target of set.inScope.flatMap((item) => item.expect)) {
        checked++;
        if (!bodies.get(target.source)?.some((paragraph) => paragraph.includes(target.contains)))
          lost.push(`${target.source}: ${target.contains}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(lost).toEqual([]);
  });

  it('drops captions that carry their credit, and keeps the paragraph above a caption with its own credit', () => {
    const page = [
      'Cricket board fined over broadcast deal | Example Sport',
      '',
      'The national cricket board was fined £2m on Tuesday for breaking the terms of its broadcast deal, the regulator said.',
      'BCCI logo. Photograph: Reuters',
      '',
      'Striking members of the union at a rally last year. Photograph: Guy Smallman/Getty Images',
      '',
      'The telescope will make highly sensitive measurements.Credit: Ou Dongqu/Xinhua/ZUMA',
      '',
      'Media captionDrone footage shows the site',
      '',
      'Video: In this talk the regulator’s chair, a former judge, discusses how broadcast deals are policed.',
      '',
      'The board chairman (left) and the regulator at a hearing in March AP',
      '',
      'The regulator said the board had 28 days to appeal against the fine, and that it expected to publish its full findings.',
    ].join('\n');
    const text = page;
    const body = cleanReport(text).blocks.map((block) => text.slice(block.start, block.end));
    expect(body).toEqual([
      'The national cricket board was fined £2m on Tuesday for breaking the terms of its broadcast deal, the regulator said.',
      'The regulator said the board had 28 days to appeal against the fine, and that it expected to publish its full findings.',
    ]);
  });

  it('does not end the article at a "Comments" widget above it', () => {
    const page = reportText(
      'Headline here | Outlet',
      'Print',
      'Comments',
      'The first paragraph of the article says what happened in the city on Friday night.',
    );
    expect(cleanReport(page).blocks).toHaveLength(1);
  });

  it("keeps the last paragraph above a credit for the page's main image, and drops the credit", () => {
    const page = reportText(
      'Company to list its shares in Hong Kong | Example Business',
      'The company will raise up to $12bn from its second listing, pricing its shares at a discount.',
      'The listing ceremony is due to be held at the stock exchange next Tuesday.',
      'Main image credit: Getty',
    );
    const body = cleanReport(page).blocks.map((block) => page.slice(block.start, block.end));
    expect(body).toEqual([
      'The company will raise up to $12bn from its second listing, pricing its shares at a discount.',
      'The listing ceremony is due to be held at the stock exchange next Tuesday.',
    ]);
  });

  it('keeps a sentence of the article above a bare credit, and drops a caption: no sentence, or left twice around the credit', () => {
    const page = reportText(
      'Singer allowed to play her old songs at awards | Example News',
      'The label that owns most of her music says she will be allowed to play her old songs at the awards on Sunday.',
      "But the company says she didn't need their permission in the first place.",
      'Image Copyright @ExampleLabel @ExampleLabel',
      'He said it had cast a spotlight on how the industry treats its artists.',
      'Reuters',
      'The singer on stage in Nashville last year',
      'Photo by Jane Doe/Getty Images',
      'The awards will be broadcast live from Los Angeles on Sunday evening.',
      'The singer will tour North America next year with her band.',
      'Photo by John Roe/AFP',
      'The singer will tour North America next year with her band.',
      'Tickets go on sale on Friday.',
    );
    const body = cleanReport(page).blocks.map((block) => page.slice(block.start, block.end));
    expect(body).toEqual([
      'The label that owns most of her music says she will be allowed to play her old songs at the awards on Sunday.',
      "But the company says she didn't need their permission in the first place.",
      'He said it had cast a spotlight on how the industry treats its artists.',
      'The awards will be broadcast live from Los Angeles on Sunday evening.',
      'Tickets go on sale on Friday.',
    ]);
  });

  it('drops a caption glued to its credit and a link to another story, and keeps a list whose entries name a credit union or run long', () => {
    const page = reportText(
      'Tour dates announced | Example Music',
      'The band will play thirty dates across North America next summer, its first tour in a quarter century.',
      'A crowd at the band’s last show in 2019, in Toronto’s largest arenaCredit: The Example Times',
      'The tour dates:',
      'June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL',
      'June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL',
      'June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA',
      'June 17 -- Bridgestone Arena, Nashville, TN',
      '[Related: Band Nominated For Hall Of Fame: Fans, Critics And Protesters]',
      'Tickets go on sale on Friday.',
    );
    const body = cleanReport(page).blocks.map((block) => page.slice(block.start, block.end));
    expect(body).toEqual([
      'The band will play thirty dates across North America next summer, its first tour in a quarter century.',
      'The tour dates:',
      'June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL',
      'June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL',
      'June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA',
      'June 17 -- Bridgestone Arena, Nashville, TN',
      'Tickets go on sale on Friday.',
    ]);
    // The line that opens the list says what its entries are.
    const entries = cleanReport(page).blocks.filter((block) => block.kind === 'bullet');
    expect(entries.map((block) => block.heading)).toEqual(Array(4).fill('The tour dates:'));
  });

  it('finds in a list entry what the line opening the list says it is', () => {
    const kb = knowledgeOfReports({
      'tour.txt': reportText(
        'Band announces reunion tour | Example Music',
        'The Example Band will reunite for a thirty-date tour of North America next summer.',
        'The Example Band Reunion Tour 2020 dates:',
        'June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL',
        'June 10 -- Budweiser Stage, Toronto, ON',
        'Sept. 5 -- White River Amphitheatre. Seattle, WA',
        'Tickets go on sale on Friday.',
      ),
    });
    // Ranked first, whatever the threshold: without the list's opening line the entry names neither band nor tour.
    const answer = answerQuestion(kb, 'example band reunion tour seattle', { scoring: { threshold: 0 } });
    expect(answer.citations[0]).toMatchObject({ paragraph: 5, quote: expect.stringContaining('Seattle, WA') });
  });
});
