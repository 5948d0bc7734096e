import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { searchEngineFor } from '../src/search/engine.ts';
import { loadEntityLabels, runEntityEval } from '../src/eval/entity-eval.ts';
import { buildKnowledgeBase } from '../src/kb/build.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { readKnowledgeFolder } from '../src/kb/read-folder.ts';
import { findClaims, suggestEntities } from '../src/search/claims-lookup.ts';
import { knowledgeOfReports, PROJECT_ROOT, reportText } from './helpers/knowledge.ts';

/**
 * Reports a moderator adds come with no entities.json entry: their people, organisations and places are found in
 * the text, so /claims, its autocomplete and the answers work on them; entities.json still wins where it speaks.
 */

const REAL = path.join(PROJECT_ROOT, 'tests/eval/real');
const ROOF_FILE = 'npr-dylann-roof-convicted.txt';
const roofReport = () => readFileSync(path.join(REAL, 'test/sources', ROOF_FILE));

describe('a real article with no entities file', () => {
  let kb: KnowledgeBase;
  beforeAll(() => {
    kb = knowledgeOfReports({ [ROOF_FILE]: roofReport() });
  });

  it('lists claims about a person named in it, under the full name, also when typed by surname or misspelt', () => {
    for (const typed of ['Dylann Roof', 'roof', 'dylan roof']) {
      const result = findClaims(kb, typed);
      expect(result.entity?.name).toBe('Dylann Roof');
      expect(result.claims.length).toBeGreaterThanOrEqual(5);
    }
    const reporter = findClaims(kb, 'alexandra olgin');
    expect(reporter.entity?.name).toBe('Alexandra Olgin');
    expect(reporter.claims.some((claim) => /Roof stood emotionless/.test(claim.citation.quote))).toBe(true);
  });

  it('autocompletes the names it found, and no everyday word or date as a name', () => {
    expect(suggestEntities(kb, 'dyl')[0]!.name).toMatch(/^Dylann Roof\b/);
    const names = kb.entities.map((entity) => entity.name);
    expect(names).toEqual(expect.arrayContaining(['Dylann Roof', 'Felicia Sanders', 'David Bruck', 'Charleston']));
    for (const word of ['The', 'He', 'Is', 'June', 'Thursday', 'Roof', 'Bible Study']) expect(names).not.toContain(word);
    expect(kb.entities.find((entity) => entity.name === 'Felicia Sanders')).toMatchObject({ type: 'person', curated: false });
  });

  it('declines what the article does not say, and suggests up to three things it can answer near it', () => {
    const declined = answerQuestion(kb, 'how old is felicia sanders?');
    expect(declined.answered).toBe(false);
    expect(declined.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(declined.suggestions.length).toBeLessThanOrEqual(3);
    for (const suggestion of declined.suggestions) {
      if (suggestion.startsWith('/claims ')) expect(findClaims(kb, suggestion.slice('/claims '.length)).claims.length).toBeGreaterThan(0);
      else expect(answerQuestion(kb, suggestion).answered).toBe(true);
    }
  });

  it('answers "who is" about a person it found, from the sentence that names them', () => {
    const answer = answerQuestion(kb, 'who is david bruck?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('David Bruck');
  });
});

describe('names within and across reports', () => {
  it('reads a name without the titles before it and the letters after it', () => {
    const kb = knowledgeOfReports({
      'court.txt': reportText(
        'Plumber Jailed Over Boiler Death | Example News',
        'His Honour Judge Neil Ford QC sentenced the plumber to three years in prison on Tuesday.',
        'Judge Ford said there had been no malicious intent in the case.',
      ),
    });
    expect(kb.entities.map((entity) => [entity.name, entity.type])).toContainEqual(['Neil Ford', 'person']);
    const answer = answerQuestion(kb, 'who is neil ford');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('Judge Neil Ford QC sentenced');
  });

  it('types a country by its letters, and a road, a drive or an amphitheatre, as a place', () => {
    const kb = knowledgeOfReports({
      'arrests.txt': reportText(
        'Police Arrest Six | Example News',
        'Officers stopped a car on Jolinda Drive and searched a house near Eighth St. on Monday, police said.',
        'The band will play the Shoreline Amphitheatre in the summer, its first U.S. tour in years.',
      ),
    });
    const typeOf = (name: string) => kb.entities.find((entity) => entity.name === name)?.type;
    expect([typeOf('Jolinda Drive'), typeOf('Eighth St.'), typeOf('Shoreline Amphitheatre'), typeOf('U.S.')]).toEqual([
      'place',
      'place',
      'place',
      'place',
    ]);
  });

  it('takes a lead set in capitals ("A FISHERMAN who…") for the lead it is, and finds the word it capitalised as a word', () => {
    const kb = knowledgeOfReports({
      'catch.txt': reportText(
        'Fisherman Lands Record Pike | Example News',
        'A FISHERMAN who spent nine hours on Loch Awe has landed the largest pike caught in Scotland this year.',
        'The fisherman said the fish weighed 21 kilograms and was returned to the water alive.',
      ),
    });
    expect(kb.entities.map((entity) => entity.name)).not.toContain('FISHERMAN');
    // Read as a name, "fisherman" would be found only where the lead capitalised it.
    const answer = answerQuestion(kb, 'what did the fisherman do with the fish');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('returned to the water alive');
  });

  it('reads a title and a surname as the person of that surname, and answers what they said', () => {
    const kb = knowledgeOfReports({
      'hearing.txt': reportText(
        'Envoy Testifies At Impeachment Hearing | Example News',
        'Kurt Volker, former special envoy to Kyiv, testified before the committee on Tuesday.',
        'Ambassador Volker confirmed under oath that he had seen no sign of a bargain, the White House said.',
        'During the later hearing, Volker said that he did not think the conspiracy theories were credible.',
      ),
    });
    expect(kb.entities.map((entity) => entity.name)).not.toContain('Ambassador Volker');
    expect(findClaims(kb, 'Kurt Volker').entity?.aliases).toContain('Volker');
    const answer = answerQuestion(kb, 'what did kurt volker say about the conspiracy theories');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('did not think the conspiracy theories were credible');
  });

  it('keeps a surname two people share apart, and joins a surname one person has to that person', () => {
    const kb = knowledgeOfReports({
      'a.txt':
        'Shooting in Florida\n\nOmar Mateen, 29, opened fire in the club, police said. His father, Seddique Mir Mateen, spoke on Monday.\n\n' +
        'Mateen said he was shocked. Investigators said Lorna Vukovic led the search. Vukovic said the search took hours.',
    });
    expect(findClaims(kb, 'Lorna Vukovic').entity?.aliases).toContain('Vukovic');
    const omar = kb.entities.find((entity) => entity.name === 'Omar Mateen')!;
    const father = kb.entities.find((entity) => entity.name === 'Seddique Mir Mateen')!;
    expect(omar.aliases).not.toContain('Mateen');
    expect(father.aliases).not.toContain('Mateen');
  });

  it('joins a first name alone to the one person of the report who has it, and keeps one two people share apart', () => {
    const kb = knowledgeOfReports({
      'a.txt':
        'Change at the top\n\nThe board named Tim Cook chief executive on Wednesday, and Steve Jobs became chairman. ' +
        'Steve Wozniak, a co-founder, was not at the meeting.\n\n' +
        '"Tim runs the show and Steve gets to do his part," analyst Ryan Gamet said.',
    });
    const cook = kb.entities.find((entity) => entity.name === 'Tim Cook')!;
    expect(cook.aliases).toContain('Tim');
    expect(kb.entities.map((entity) => entity.name)).not.toContain('Tim');
    for (const name of ['Steve Jobs', 'Steve Wozniak']) {
      expect(kb.entities.find((entity) => entity.name === name)!.aliases).not.toContain('Steve');
    }
    const said = kb.claims.find((claim) => claim.text.includes('Tim runs the show'));
    expect(said?.subjects.map((subject) => subject.entityId)).toContain(cook.id);
  });

  it('reads a two-word name with a typo in either word as that name, not as another name one letter off', () => {
    const kb = knowledgeOfReports({
      'a.txt':
        'Harbour inquiry\n\nPedro Norby approved the dredging plan before the vote, officials said.\n\n' +
        'Pelora Quist, the harbour master, opposed the plan.\n\nYosef Levard suspended six operation reports.\n\n' +
        'Sevgard Holm, a councillor, asked for the reports.',
    });
    const norby = answerQuestion(kb, 'what did pedor norby approve');
    expect(norby.corrections).toContainEqual({ from: 'pedor norby', to: 'Pedro Norby' });
    expect(norby.citations[0]?.quote).toContain('Pedro Norby approved');
    const levard = answerQuestion(kb, 'how many operation reports did yosef levvard suspend');
    expect(levard.corrections).toContainEqual({ from: 'yosef levvard', to: 'Yosef Levard' });
    expect(levard.citations[0]?.quote).toContain('Yosef Levard suspended');
  });

  it('reads a possessive typed without its apostrophe as the name, and a misspelt word after a name as a longer name', () => {
    const kb = knowledgeOfReports({
      'a.txt':
        'Harbour inquiry\n\nPedro Norby approved the dredging plan before the vote, officials said. Norby said it needed no new pier.\n\n' +
        'The Norby Tower flats lost half their value after the flood, the council said.\n\n' +
        'Sevgard Holm, a councillor, asked for the reports.',
    });
    // Read as a word, "norbys" would share the name's stem but not be the name: no alias, no /claims, no entity weight.
    const possessive = searchEngineFor(kb).search('what did norbys plan need before the vote').analyzed;
    expect(possessive.entityIds).toContain(kb.entities.find((entity) => entity.name === 'Pedro Norby')!.id);
    const tower = answerQuestion(kb, 'what did the norby towr flats lose after the flood');
    expect(tower.corrections).toContainEqual({ from: 'norby towr', to: 'Norby Tower' });
    expect(tower.citations[0]?.quote).toContain('Norby Tower flats');
  });

  it('reads an acronym in brackets after a name as that name', () => {
    const kb = knowledgeOfReports({
      'health.txt': reportText(
        'Health body warns of new wave | Example News',
        'The Caribbean Health Agency (CHA) Director Maria Sol warned of a new wave of infections on Thursday.',
        'The CHA said hospital admissions had doubled in two weeks.',
      ),
    });
    const agency = kb.entities.find((entity) => entity.name === 'Caribbean Health Agency');
    expect(agency?.aliases).toContain('CHA');
    expect(kb.entities.some((entity) => entity.name === 'CHA')).toBe(false);
    const answer = answerQuestion(kb, 'what is cha');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]?.quote).toContain('Caribbean Health Agency (CHA)');
  });

  it('matches a name found in one report in the others, as one entity', () => {
    const kb = knowledgeOfReports({
      'a.txt': 'Port deal\n\nHarbour chief Priya Ramaswamy said the port would reopen on Monday.',
      'b.txt': 'Port strike\n\nDockers walked out, Ramaswamy said, after talks with Priya Ramaswamy failed.',
    });
    const found = kb.entities.filter((entity) => entity.name === 'Priya Ramaswamy');
    expect(found).toHaveLength(1);
    expect(new Set(findClaims(kb, 'priya ramaswamy').claims.map((claim) => claim.citation.sourceId))).toEqual(new Set(['a.txt', 'b.txt']));
  });

  it('lets entities.json speak for a name it defines: its id, aliases and roles, and no second entity for it', () => {
    const kb = knowledgeOfReports({ [ROOF_FILE]: roofReport() }, [
      { id: 'roof', name: 'Dylann Roof', type: 'person', aliases: ['the gunman', 'Roof'], roles: [], description: 'Convicted in 2016.' },
    ]);
    expect(kb.entities.filter((entity) => /roof/i.test(entity.name))).toHaveLength(1);
    expect(findClaims(kb, 'the gunman').entity).toMatchObject({ id: 'roof' });
    expect(kb.entity('roof')).toMatchObject({ curated: true, description: 'Convicted in 2016.' });
  });

  it('builds a hostile report of nothing but capitalised words, finding no name a question would trip over', () => {
    const words = Array.from({ length: 40_000 }, (_, index) => ['Is', 'The', 'Will', 'Zorblat', 'Of', 'And', 'May'][index % 7]);
    const kb = knowledgeOfReports({ 'caps.txt': `Caps\n\n${words.join(' ')}.` });
    const names = new Set(kb.entities.flatMap((entity) => [entity.name, ...entity.aliases].map((name) => name.toLowerCase())));
    for (const word of ['is', 'the', 'will', 'of', 'and', 'may']) expect(names.has(word)).toBe(false);
    expect(answerQuestion(kb, 'is the report online?').answered).toBe(false);
  });
});

describe('names found on real articles, against names labelled by hand (tests/eval/real/entities.json)', () => {
  it('finds most of them under the name /claims is asked for, mostly with the right type', async () => {
    const labels = loadEntityLabels(path.join(REAL, 'entities.json'));
    expect(new Set(labels.map((article) => article.source)).size).toBeGreaterThanOrEqual(20);
    for (const half of ['dev', 'test'] as const) {
      const report = runEntityEval(buildKnowledgeBase(await readKnowledgeFolder(path.join(REAL, half))), labels);
      expect(report.articles).toBe(11);
      // Floors a little under the figures README gives (dev 89.9% / 74.2% / 89.6%, held out 84.7% / 70.5% / 85.2%).
      expect(report.foundByName).toBeGreaterThanOrEqual(0.8);
      expect(report.precision).toBeGreaterThanOrEqual(0.65);
      expect(report.typeAccuracy).toBeGreaterThanOrEqual(0.8);
    }
    // The third development set, labelled later (tests/eval/real/entities-dev3.json): 90.1% / 68.5% / 84.0%.
    const dev3 = runEntityEval(
      buildKnowledgeBase(await readKnowledgeFolder(path.join(REAL, 'dev3'))),
      loadEntityLabels(path.join(REAL, 'entities-dev3.json')),
    );
    expect(dev3.articles).toBe(10);
    expect(dev3.foundByName).toBeGreaterThanOrEqual(0.86);
    expect(dev3.precision).toBeGreaterThanOrEqual(0.64);
    expect(dev3.typeAccuracy).toBeGreaterThanOrEqual(0.8);
  }, 60_000);
});
