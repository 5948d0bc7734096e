import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../src/kb/build.ts';
import { builtIndexPath, loadKnowledge } from '../src/kb/built-index.ts';
import { KnowledgeBuildError } from '../src/kb/errors.ts';
import { readKnowledgeFolder } from '../src/kb/read-folder.ts';
import { copyKnowledge, KNOWLEDGE_DIR, knowledgeWith, projectKnowledge, REPORT_000, REPORT_003 } from './helpers/knowledge.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function scratch() {
  const copy = copyKnowledge();
  cleanups.push(copy.cleanup);
  return copy;
}

async function buildErrors(dir: string): Promise<string> {
  try {
    await loadKnowledge(dir, { forceRebuild: true });
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeBuildError);
    return (error as Error).message;
  }
  throw new Error('the build was expected to fail');
}

describe('the bundled knowledge', () => {
  it('holds the two reports byte for byte', () => {
    // SHA-256 of the reports as delivered in shared/reports/.
    const delivered: Record<string, string> = {
      [REPORT_000]: '68b6e1eab73cf29d887f2b13c4c2391f67fa397490fca670e328c07818fecaa3',
      [REPORT_003]: 'b54c5caccc518332e2bd31144c25d45c51951fcd342e3526ac2bf33451fceb95',
    };
    for (const [file, hash] of Object.entries(delivered)) {
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(KNOWLEDGE_DIR, 'sources', file)))
          .digest('hex'),
      ).toBe(hash);
    }
  });

  it('builds with at least 40 curated Q&A covering every paragraph, and entities with aliases', async () => {
    const kb = await projectKnowledge();
    expect(kb.counts()).toMatchObject({ sources: 2, passages: 20 });
    expect(kb.qa.length).toBeGreaterThanOrEqual(40);
    const cited = new Set(kb.qa.flatMap((pair) => pair.citations.map((citation) => citation.passageId)));
    const uncited = kb.passages.filter((passage) => !cited.has(passage.id)).map((passage) => passage.text.slice(0, 50));
    expect(uncited).toEqual([]);
    const putin = kb.entity('putin');
    expect(putin?.aliases).toEqual(expect.arrayContaining(['Vladimir Putin', 'Russia’s president', 'Russian President']));
  });

  it('resolves every curated quote to the exact words of a paragraph of its source', async () => {
    const kb = await projectKnowledge();
    for (const pair of kb.qa) {
      for (const citation of pair.citations) {
        const passage = kb.passage(citation.passageId)!;
        const quote = kb.cite(passage, citation.start, citation.end).quote;
        expect(kb.source(citation.sourceId)!.text.slice(citation.start, citation.end)).toBe(quote);
        expect(passage.text).toContain(quote);
      }
    }
  });

  it('finds entities through their aliases in the paragraphs', async () => {
    const kb = await projectKnowledge();
    const first = kb.passagesOf(REPORT_003)[0]!;
    expect(first.entityIds).toEqual(expect.arrayContaining(['putin', 'cia', 'wikileaks']));
  });

  it('keeps passage ids stable across rebuilds while the words stay the same', async () => {
    const files = await readKnowledgeFolder(KNOWLEDGE_DIR);
    const first = buildKnowledgeBase(files).passages.map((passage) => passage.id);
    const second = buildKnowledgeBase(files).passages.map((passage) => passage.id);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});

describe('ingesting new reports', () => {
  it('accepts a folder holding only sources/, takes the title from the first line and leaves unknown metadata null', async () => {
    const folder = knowledgeWith({
      'new-report.md': '# Port strike ends | Harbour Times\n\nDock workers returned on Monday after a deal on pay, the union said.\n',
    });
    cleanups.push(folder.cleanup);
    const { kb } = await loadKnowledge(folder.dir);
    expect(kb.sources[0]).toMatchObject({
      id: 'new-report.md',
      title: 'Port strike ends',
      outlet: 'Harbour Times',
      url: null,
      published: null,
    });
    expect(kb.qa).toEqual([]);
  });

  it('lets catalog.json override what ingestion guessed', async () => {
    const folder = knowledgeWith(
      { 'a.txt': 'Guessed title\n\nA paragraph about the harbour strike that ended on Monday.\n' },
      {
        'catalog.json': JSON.stringify({
          'a.txt': { title: 'Real title', outlet: 'Real Outlet', url: 'https://example.org/a', published: '2018-07-20' },
        }),
      },
    );
    cleanups.push(folder.cleanup);
    const { kb } = await loadKnowledge(folder.dir);
    expect(kb.sources[0]).toMatchObject({
      title: 'Real title',
      outlet: 'Real Outlet',
      url: 'https://example.org/a',
      published: '2018-07-20',
    });
  });

  it('rebuilds when a source changes, so an edited report is never served stale', async () => {
    const copy = scratch();
    const first = await loadKnowledge(copy.dir);
    expect(first.rebuilt).toBe(true);
    expect((await loadKnowledge(copy.dir)).rebuilt).toBe(false);
    copy.write('sources/zz-new.txt', 'Fresh report\n\nThe harbour strike ended on Monday after talks, the union said.\n');
    const third = await loadKnowledge(copy.dir);
    expect(third.rebuilt).toBe(true);
    expect(third.kb.sources.map((source) => source.id)).toContain('zz-new.txt');
  });

  it('rebuilds over a corrupt built index instead of failing', async () => {
    const copy = scratch();
    await loadKnowledge(copy.dir);
    const index = builtIndexPath(copy.dir);
    writeFileSync(index, readFileSync(index, 'utf8').slice(0, 500));
    const again = await loadKnowledge(copy.dir);
    expect(again.kb.counts().passages).toBe(20);
  });
});

describe('a broken knowledge folder fails the whole build with a message naming file, entry and reason', () => {
  it('names a curated quote that is not verbatim in its source', async () => {
    const copy = scratch();
    const qa = JSON.parse(readFileSync(path.join(copy.dir, 'qa.json'), 'utf8'));
    qa[0].citations[0].quote = 'Putin personally ordered every hack';
    copy.write('qa.json', JSON.stringify(qa));
    const message = await buildErrors(copy.dir);
    expect(message).toContain(`qa.json, entry "${qa[0].id}"`);
    expect(message).toContain('does not occur verbatim');
  });

  it('hints when a quote differs only in its apostrophes', async () => {
    const copy = scratch();
    const qa = JSON.parse(readFileSync(path.join(copy.dir, 'qa.json'), 'utf8'));
    qa[1].citations = [{ source: REPORT_003, quote: "Russia's president, Vladimir Putin, was personally involved" }];
    copy.write('qa.json', JSON.stringify(qa));
    expect(await buildErrors(copy.dir)).toContain('differs only in quotation marks, apostrophes or spacing');
  });

  it('names an entry that breaks the schema', async () => {
    const copy = scratch();
    const qa = JSON.parse(readFileSync(path.join(copy.dir, 'qa.json'), 'utf8'));
    delete qa[2].answer;
    copy.write('qa.json', JSON.stringify(qa));
    expect(await buildErrors(copy.dir)).toMatch(new RegExp(`qa\\.json, entry "${qa[2].id}": answer`));
  });

  it('reports malformed JSON, a duplicate id, a shared alias and a citation of a missing report', async () => {
    const copy = scratch();
    copy.write('catalog.json', '{ not json');
    const qa = JSON.parse(readFileSync(path.join(copy.dir, 'qa.json'), 'utf8'));
    qa[1].id = qa[0].id;
    qa[2].citations[0].source = 'missing.txt';
    copy.write('qa.json', JSON.stringify(qa));
    const entities = JSON.parse(readFileSync(path.join(copy.dir, 'entities.json'), 'utf8'));
    entities[1].aliases.push('Putin');
    copy.write('entities.json', JSON.stringify(entities));
    const message = await buildErrors(copy.dir);
    expect(message).toContain('catalog.json: not valid JSON');
    expect(message).toContain('this id is used by more than one entry');
    expect(message).toContain('alias "Putin" is also an alias of "putin"');
    expect(message).toContain('cites "missing.txt", which is not a report in sources/');
  });

  it('refuses binary, empty, non-UTF-8 and chrome-only sources, and a duplicated report', async () => {
    const folder = knowledgeWith({
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'empty.txt': '',
      'latin1.txt': Buffer.from('Caf\xe9 report\n\nThe caf\xe9 closed.\n', 'latin1'),
      'chrome.md': 'Title only\n\nLeave a Reply\n',
      'a.txt': 'Same\n\nSame words in two files about the strike.\n',
      'b.txt': 'Same\n\nSame words in two files about the strike.\n',
    });
    cleanups.push(folder.cleanup);
    const message = await buildErrors(folder.dir);
    expect(message).toContain('sources/binary.txt: not UTF-8 text');
    expect(message).toContain('sources/empty.txt: the file is empty');
    expect(message).toContain('sources/latin1.txt: not UTF-8 text');
    expect(message).toContain('sources/chrome.md: no article text is left');
    expect(message).toContain('sources/b.txt: same text as sources/a.txt');
  });

  it('says so when the folder has no sources/', async () => {
    expect(await buildErrors(path.join(KNOWLEDGE_DIR, 'does-not-exist'))).toContain('folder not found');
  });
});
