import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClaimLabels, runClaimsEval } from '../src/eval/claims-eval.ts';
import { buildKnowledgeBase } from '../src/kb/build.ts';
import { namedClaimant } from '../src/kb/claim-attribution.ts';
import { ClaimExtractor, type Claim } from '../src/kb/claims.ts';
import { readKnowledgeFolder } from '../src/kb/read-folder.ts';
import { EntityMatcher } from '../src/kb/entity-matcher.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { segmentSentences } from '../src/kb/segment.ts';
import type { Entity, Passage } from '../src/kb/types.ts';
import { renderClaimsPage } from '../src/render/claims.ts';
import { findClaims, suggestEntities } from '../src/search/claims-lookup.ts';
import { PROJECT_ROOT, projectKnowledge, REPORT_003 } from './helpers/knowledge.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await projectKnowledge();
});

describe('claims eval on the hand-labelled sentences', () => {
  it('finds at least 90% of attributed claims with the right claimant and invents none', () => {
    const report = runClaimsEval(() => kb, loadClaimLabels(path.join(PROJECT_ROOT, 'tests/eval/claims.json')));
    expect(report.attributed).toBeGreaterThanOrEqual(20);
    expect(report.claimantRecall).toBeGreaterThanOrEqual(0.9);
    expect(report.claimantPrecision).toBeGreaterThanOrEqual(0.9);
    expect(report.inventedClaimants).toBe(0);
    expect(report.subjectRecall).toBeGreaterThanOrEqual(0.8);
  });

  it('holds its figures on real articles, tuned on one half and held out on the other (165 sentences of 9 articles)', async () => {
    const halves = {
      dev: buildKnowledgeBase(await readKnowledgeFolder(path.join(PROJECT_ROOT, 'tests/eval/real/dev'))),
      test: buildKnowledgeBase(await readKnowledgeFolder(path.join(PROJECT_ROOT, 'tests/eval/real/test'))),
    };
    const labels = loadClaimLabels(path.join(PROJECT_ROOT, 'tests/eval/real/claims.json'));
    expect(new Set(labels.map((label) => label.source)).size).toBeGreaterThanOrEqual(6);
    const half = (name: 'dev' | 'test') =>
      runClaimsEval(
        () => halves[name],
        labels.filter((label) => (label.folder ?? 'dev') === name),
        { subjects: 'name', claimantSpans: true },
      );
    const dev = half('dev');
    const heldOut = half('test');
    expect(dev.attributed + heldOut.attributed).toBeGreaterThanOrEqual(100);
    // Floors a little under today's figures (development 93% / 95%, held out 60% / 72%): the gap to the bundled
    // figures is the work left (README). Subjects are names found in the text, as the articles have no entities file.
    expect(dev.claimantRecall).toBeGreaterThanOrEqual(0.89);
    expect(dev.claimantPrecision).toBeGreaterThanOrEqual(0.91);
    expect(heldOut.claimantRecall).toBeGreaterThanOrEqual(0.56);
    expect(heldOut.claimantPrecision).toBeGreaterThanOrEqual(0.68);
    expect(dev.inventedClaimants + heldOut.inventedClaimants).toBeLessThanOrEqual(4);
    expect(dev.subjectRecall).toBeGreaterThanOrEqual(0.56);
    expect(heldOut.subjectRecall).toBeGreaterThanOrEqual(0.3);
  }, 60_000);

  it('holds its figures on ten more articles from ten more outlets, labelled before the extractor was run on them', async () => {
    const dev3 = buildKnowledgeBase(await readKnowledgeFolder(path.join(PROJECT_ROOT, 'tests/eval/real/dev3')));
    const labels = loadClaimLabels(path.join(PROJECT_ROOT, 'tests/eval/real/claims-dev3.json'));
    expect(new Set(labels.map((label) => label.source)).size).toBe(10);
    const report = runClaimsEval(() => dev3, labels, { subjects: 'name', claimantSpans: true });
    expect(report.attributed).toBeGreaterThanOrEqual(100);
    expect(report.claimantRecall).toBeGreaterThanOrEqual(0.69);
    expect(report.claimantPrecision).toBeGreaterThanOrEqual(0.78);
    expect(report.inventedClaimants).toBeLessThanOrEqual(2);
    expect(report.subjectRecall).toBeGreaterThanOrEqual(0.5);
  }, 60_000);
});

describe('/claims lookup', () => {
  it('lists claims about Putin with claimant, cue, hedge and a verbatim citation', () => {
    const result = findClaims(kb, 'putin');
    expect(result.entity?.id).toBe('putin');
    const firmly = result.claims.find((claim) => claim.hedge === 'firmly believe');
    expect(firmly).toMatchObject({ claimant: 'US intelligence officials', cue: 'believe', match: 'alias' });
    expect(firmly!.citation).toMatchObject({ sourceId: REPORT_003, paragraph: 1 });
    for (const claim of result.claims) expect(kb.source(claim.citation.sourceId)!.text).toContain(claim.citation.quote);
  });

  it('resolves "He says" to McFaul and "the officials" to how they were introduced', () => {
    const mcfaul = findClaims(kb, 'mcfall');
    expect(mcfaul.entity?.id).toBe('michael-mcfaul');
    expect(mcfaul.claims.length).toBe(3);
    expect(mcfaul.claims.every((claim) => claim.match === 'claimant' && claim.claimant === 'Michael McFaul')).toBe(true);
    // The name is the claimant; how the article describes him is kept apart.
    expect(mcfaul.claims.some((claim) => claim.claimantRole === 'who worked as the US ambassador to Russia')).toBe(true);
    const introduced = findClaims(kb, 'CIA').claims.find((claim) => claim.citation.quote.startsWith('Speaking to the NBC news'));
    expect(introduced?.claimant).toBe('US intelligence officials');
  });

  it('leads /claims putin with attributed claims that name him, and puts what the article itself says last', () => {
    const { claims } = findClaims(kb, 'putin');
    const firstUnattributed = claims.findIndex((claim) => claim.claimant === null);
    expect(claims[0]!.claimant).not.toBeNull();
    expect(claims[0]!.match).toBe('alias');
    if (firstUnattributed >= 0) expect(claims.slice(firstUnattributed).every((claim) => claim.claimant === null)).toBe(true);
  });

  it("keeps a claimant's name apart from how the article describes them", () => {
    expect(namedClaimant('Michael McFaul who worked as the US ambassador to Russia')).toEqual({
      claimant: 'Michael McFaul',
      claimantRole: 'who worked as the US ambassador to Russia',
    });
    expect(namedClaimant('John Sipher, a former CIA officer')).toEqual({ claimant: 'John Sipher', claimantRole: 'a former CIA officer' });
    expect(namedClaimant('US intelligence officials')).toEqual({ claimant: 'US intelligence officials', claimantRole: null });
    expect(namedClaimant(null)).toEqual({ claimant: null, claimantRole: null });
  });

  it('labels a subject reached through a pronoun as coreference', () => {
    const isolate = findClaims(kb, 'Vladimir Putin').claims.find((claim) =>
      claim.citation.quote.startsWith('It is said that he now intended'),
    );
    expect(isolate).toMatchObject({ match: 'coreference', hedge: 'it is said', claimant: null });
  });

  it('finds what a claimant said: /claims sipher', () => {
    const result = findClaims(kb, 'sipher');
    expect(result.claims.map((claim) => claim.citation.quote)).toEqual([
      '“The Russians are very focused and upset,” CIA veteran John Sipher told the Times.',
      '“They have shown they are willing to kill sources.”',
    ]);
  });

  it('answers an unknown entity with the closest known names', () => {
    const result = findClaims(kb, 'Jon Brenan');
    expect(result.entity?.id).toBe('john-brennan');
    const unknown = findClaims(kb, 'Angela Merkel');
    expect(unknown.entity).toBeNull();
    expect(unknown.suggestions.length).toBeGreaterThan(0);
    expect(renderClaimsPage(unknown, 0).content).toMatch(/^I don't know anyone or anything called “Angela Merkel”.+Closest known:/);
  });

  it('suggests at most 25 entities for autocomplete, prefix matches first, names within 100 characters', () => {
    expect(suggestEntities(kb, '').length).toBeLessThanOrEqual(25);
    expect(suggestEntities(kb, 'pu')[0]!.value).toBe('putin');
    expect(suggestEntities(kb, 'mcfal')[0]!.value).toBe('michael-mcfaul');
    for (const choice of suggestEntities(kb, 'a'.repeat(500))) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});

describe('claim extraction on other reports', () => {
  const entities: Entity[] = [
    {
      id: 'jane-roe',
      name: 'Jane Roe',
      type: 'person',
      aliases: ['Roe', 'Minister Jane Roe'],
      roles: ['the minister'],
      description: null,
      curated: true,
    },
    { id: 'acme', name: 'Acme Corp', type: 'organization', aliases: ['Acme'], roles: [], description: null, curated: true },
  ];
  /** The claimant of the claim whose text holds some words. */
  const claimantIn = (claims: Claim[]) => (words: string) => claims.find((claim) => claim.text.includes(words))?.claimant;

  function extract(paragraphs: string[], known: Entity[] = entities) {
    const text = paragraphs.join('\n\n');
    let offset = 0;
    const passages: Passage[] = paragraphs.map((paragraph, index) => {
      const start = text.indexOf(paragraph, offset);
      offset = start + paragraph.length;
      return {
        id: `p${index}`,
        sourceId: 's.txt',
        paragraph: index + 1,
        kind: 'paragraph',
        heading: null,
        start,
        end: offset,
        text: paragraph,
        sentences: segmentSentences(text, start, offset),
        entityIds: [],
      };
    });
    return new ClaimExtractor(new EntityMatcher(known), known).extract(passages, text);
  }

  it('reads trailing attributions, "according to", pronoun claimants and hedges', () => {
    const claims = extract([
      'Acme reportedly moved its headquarters last year, two former employees said.',
      'Minister Jane Roe told reporters that the deal could collapse. She added that Acme had not paid its taxes.',
      'According to analysts, the minister allegedly approved the contract.',
      'The factory opened in 1998.',
    ]);
    expect(claims.map((claim) => [claim.claimant, claim.cue, claim.hedge])).toEqual([
      ['two former employees', 'said', 'reportedly'],
      ['Minister Jane Roe', 'told', 'could'],
      ['Minister Jane Roe', 'added', null],
      ['analysts', 'according to', 'allegedly'],
    ]);
    // "The factory opened in 1998." attributes nothing and names no entity: nothing could ever look it up.
    expect(claims.some((claim) => claim.text.includes('1998'))).toBe(false);
    expect(claims[0]!.text).toBe('Acme reportedly moved its headquarters last year');
    expect(claims[2]!.subjects).toEqual([{ entityId: 'acme', via: 'alias' }]);
    expect(claims[3]!.subjects).toEqual([{ entityId: 'jane-roe', via: 'coreference' }]);
  });

  it('attributes nothing to what was not said, and reads "determined" as reporting', () => {
    const claims = extract([
      'Acme officials did not say why they had closed the plant.',
      'Minister Jane Roe declined to say whether the deal would collapse.',
      'An auditor for the ministry determined that Acme had underpaid its taxes.',
      'Acme officials did not say the plant was safe.',
    ]);
    const claimantOf = claimantIn(claims);
    expect(claimantOf('closed the plant') ?? null).toBeNull();
    expect(claimantOf('the deal would collapse') ?? null).toBeNull();
    expect(claimantOf('Acme had underpaid its taxes')).toBe('An auditor for the ministry');
    // A denial is still a claim: only a question left unanswered is not.
    expect(claimantOf('the plant was safe')).toBe('Acme officials');
  });

  it('reads an attribution after a quotation, verb before the claimant', () => {
    const claims = extract([
      '“Acme has been held in high esteem for years,” said Aubrey Woodard, a party chairman.',
      '“They screwed everybody,” says one party operative.',
    ]);
    expect(claims.map((claim) => [claim.claimant, claim.claimantRole, claim.cue])).toEqual([
      ['Aubrey Woodard', null, 'said'],
      ['one party operative', null, 'says'],
    ]);
    expect(claims[0]!.text).toContain('Acme has been held in high esteem for years');
  });

  it("takes a reporting verb inside a quotation as the speaker's words, and the attribution from outside it", () => {
    const claims = extract([
      '“I am not here to hear what Acme has to say,” Jane Roe said.',
      '"You can hire consultants to tell you how to do that," Roe said.',
    ]);
    expect(claims.map((claim) => [claim.claimant, claim.cue])).toEqual([
      ['Jane Roe', 'said'],
      ['Roe', 'said'],
    ]);
  });

  it('gives the claim to the name a description follows, not to the description or an aside', () => {
    const claims = extract([
      'Trip Chowdhry, an analyst with Global Equities Research, said Acme would struggle.',
      'Acme chairman Art Levinson, in a statement issued on behalf of the board, said the company was in good hands.',
    ]);
    expect(claims.map((claim) => [claim.claimant, claim.claimantRole])).toEqual([
      ['Trip Chowdhry', 'an analyst with Global Equities Research'],
      ['Acme chairman Art Levinson', null],
    ]);
  });

  it('reads a speaker named after the verb at the end, a claim made in the passive, and a name several descriptions before its verb', () => {
    const claims = extract([
      'Those infected develop symptoms after one to seven days, says the World Health Organization.',
      'Some 200 Acme staff are believed to remain at the plant.',
      'Jane Roe was admitted to hospital on Saturday.',
      'Omar Lamrani, a senior analyst at Stratfor, the Texas-based intelligence firm, told reporters that Acme was weak.',
      'The United Nations and the European Union stressed that the decision changed nothing.',
    ]);
    const claimantOf = claimantIn(claims);
    expect(claimantOf('Those infected develop symptoms')).toBe('the World Health Organization');
    const believed = claims.find((claim) => claim.text.includes('remain at the plant'))!;
    // Attributed, to no one named: the staff are what is believed, not who believes it.
    expect([believed.claimant, believed.cue, believed.hedge]).toEqual([null, 'are believed', 'are believed']);
    expect(claims.find((claim) => claim.text.includes('admitted to hospital'))?.cue ?? null).toBeNull();
    expect(claims.find((claim) => claim.text.includes('Acme was weak'))).toMatchObject({
      claimant: 'Omar Lamrani',
      claimantRole: 'a senior analyst at Stratfor, the Texas-based intelligence firm',
    });
    expect(claimantOf('the decision changed nothing')).toBe('The United Nations and the European Union');
  });

  it('gives a quotation over two sentences to the speaker named where it closes, after the verb', () => {
    const claims = extract([
      '"The ruling has always been stated as a fact. The breaking of that consensus is important," said Avi Bell, senior fellow at Acme.',
    ]);
    expect(claims.map((claim) => claim.claimant)).toEqual(['Avi Bell', 'Avi Bell']);
  });

  it('gives "he told" to the person the sentence before opens with, though that sentence claims nothing', () => {
    const people: Entity[] = [
      ...entities,
      { id: 'tom-hale', name: 'Tom Hale', type: 'person', aliases: ['Hale'], roles: [], description: null, curated: true },
    ];
    const claims = extract(
      [
        'Jane Roe said the ruling changed nothing.',
        'Tom Hale visited the Acme plant on Tuesday.',
        '“Here we are on a historic day,” he told the workers.',
      ],
      people,
    );
    expect(claims.find((claim) => claim.text.includes('historic day'))?.claimantEntityId).toBe('tom-hale');
  });

  it('gives "the company said" to the organisation last named, and "the father said" to the person last quoted', () => {
    const claims = extract([
      'Acme opened a plant in the north. The company said it would hire 200 workers.',
      'Jane Roe said the plant was welcome. The father of two said he would apply.',
      'Minister Jane Roe toured the site. The mother said the jobs were needed.',
    ]);
    const claimantOf = claimantIn(claims);
    expect(claimantOf('hire 200 workers')).toBe('Acme Corp');
    expect(claimantOf('the jobs were needed')).toBe('Jane Roe');
    // "the father of two" is not "the father": only the bare description is resolved.
    expect(claimantOf('he would apply')).toBe('The father of two');
  });

  it('continues the speaker through a quotation that runs on over several sentences of the paragraph', () => {
    const claims = extract([
      'Jane Roe said the deal “does not represent a risk. ... However, Acme must still pay its taxes. The audit is the model we want.”',
      '“Acme is nothing without its staff,” Roe said. “You can hire consultants for anything. ... But not for loyalty.',
      'And not for trust.”',
      '“Acme will recover.”',
      'Acme shares fell 4% on Monday. “Nobody saw it coming.',
      '“Acme will grow again. It has the staff,” Roe said.',
      '“Prices will fall. Nobody knows when.”',
    ]);
    const claimantOf = claimantIn(claims);
    expect(claimantOf('must still pay its taxes')).toBe('Jane Roe');
    expect(claimantOf('is the model we want')).toBe('Jane Roe');
    expect(claimantOf('nothing without its staff')).toBe('Roe');
    expect(claimantOf('hire consultants for anything')).toBe('Roe');
    expect(claimantOf('not for loyalty')).toBe('Roe');
    // Quotations are followed within a paragraph: the next paragraph's closing words are not given to Roe.
    expect(claimantOf('not for trust')).toBeUndefined();
    // A quotation that is a whole sentence continues the last speaker, as before; one that only opens does not
    // reach back to a speaker of another paragraph.
    expect(claimantOf('Acme will recover')).toBe('Roe');
    expect(claimantOf('Nobody saw it coming')).toBeUndefined();
    // The speaker named where the quotation closes speaks for all of it.
    expect(claimantOf('Acme will grow again')).toBe('Roe');
    expect(claimantOf('It has the staff')).toBe('Roe');
    // A quotation no one is named for stays the article's, and what names nothing is not kept.
    expect(claimantOf('Prices will fall')).toBeUndefined();
  });

  it('reads ", saying" as the claim of the person or organisation the sentence opens with, after a dateline', () => {
    const places: Entity[] = [
      ...entities,
      { id: 'harlow', name: 'Harlow', type: 'place', aliases: [], roles: [], description: null, curated: true },
    ];
    const claims = extract(
      [
        'HARLOW (AP) — Jane Roe, who led the ministry for a decade, resigned on Wednesday, saying that she could no longer do the job.',
        'Acme cut 300 jobs, saying demand had fallen.',
        'Prices rose in Harlow, saying more about the season than the market.',
        'Jane Roe met Acme bosses on Monday, “saying nothing,” according to Acme.',
      ],
      places,
    );
    const claimOf = (words: string) => claims.find((claim) => claim.text.includes(words));
    expect(claimOf('could no longer do the job')).toMatchObject({ claimant: 'Jane Roe', cue: 'saying' });
    expect(claimOf('she could no longer')!.text).toBe('she could no longer do the job.');
    expect(claimOf('demand had fallen')).toMatchObject({ claimant: 'Acme Corp', cue: 'saying' });
    // A place says nothing, and a "saying" inside a quotation is not the sentence's.
    expect(claimOf('more about the season')?.claimant ?? null).toBeNull();
    expect(claimOf('Jane Roe met Acme bosses')?.cue).toBe('according to');
  });

  it('gives "the California Republican said" to the person last named, and "the elder Roe said" to a Roe', () => {
    const people: Entity[] = [
      { id: 'ed-royce', name: 'Ed Royce', type: 'person', aliases: ['Royce'], roles: [], description: null, curated: true },
      { id: 'omar-roe', name: 'Omar Roe', type: 'person', aliases: [], roles: [], description: null, curated: true },
      { id: 'seddique-roe', name: 'Seddique Roe', type: 'person', aliases: [], roles: [], description: null, curated: true },
    ];
    const claims = extract(
      [
        'Omar Roe once met Rep. Ed Royce, the California Republican said in a statement.',
        'Seddique Roe spoke to reporters about his son Omar. The elder Roe said he would have stopped him.',
      ],
      people,
    );
    const claimantOf = claimantIn(claims);
    expect(claimantOf('once met')).toBe('Ed Royce');
    // Omar is the person named last before it, but only a Roe is "the elder Roe".
    expect(claimantOf('would have stopped him')).toBe('Seddique Roe');
  });
});
