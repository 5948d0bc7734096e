import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { generateCorpus } from '../src/bench/corpus.ts';
import { loadKnowledge } from '../src/kb/built-index.ts';
import { KnowledgeBuildError } from '../src/kb/errors.ts';
import { loadKnowledgeOffThread } from '../src/kb/off-thread.ts';
import { KnowledgeStore } from '../src/kb/store.ts';
import { copyKnowledge, knowledgeWith } from './helpers/knowledge.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('loading knowledge in a worker thread', () => {
  it('gives the same knowledge, answers and citations as loading it here', async () => {
    const copy = copyKnowledge();
    cleanups.push(copy.cleanup);
    const away = (await loadKnowledgeOffThread(copy.dir))!.kb;
    const here = (await loadKnowledge(copy.dir)).kb;
    expect(away.fingerprint).toBe(here.fingerprint);
    expect(away.passages).toEqual(here.passages);
    expect(away.claims).toEqual(here.claims);
    expect(away.counts()).toEqual(here.counts());
    for (const question of ['Was Puttin personaly involvd in the hacks?', 'who is john sipher', 'what is the weather in paris']) {
      expect(answerQuestion(away, question)).toEqual(answerQuestion(here, question));
    }
    expect(await loadKnowledgeOffThread(copy.dir, here.fingerprint)).toBeNull();
  });

  it('reports a folder that does not build with the same named problems', async () => {
    const copy = copyKnowledge();
    cleanups.push(copy.cleanup);
    copy.write(
      'qa.json',
      JSON.stringify([{ id: 'broken', question: 'q?', alternatives: [], answer: 'a', citations: [{ source: 'missing.txt', quote: 'x' }] }]),
    );
    const failure = await loadKnowledgeOffThread(copy.dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KnowledgeBuildError);
    expect((failure as KnowledgeBuildError).problems).toEqual([expect.objectContaining({ file: 'qa.json', entry: 'broken' })]);
  });

  it('keeps the bot’s thread turning while a large folder is rebuilt, then serves the new knowledge', async () => {
    const corpus = generateCorpus({ paragraphs: 8000 });
    const folder = knowledgeWith(Object.fromEntries(corpus.sources.map((source) => [source.file, source.text])));
    cleanups.push(folder.cleanup);
    const { store } = await KnowledgeStore.open(folder.dir, { offThread: 'always' });
    const before = store.current.counts().passages;
    const first = readdirSync(path.join(folder.dir, 'sources'))[0]!;
    appendFileSync(path.join(folder.dir, 'sources', first), '\n\nThe Zephyrholm harbour board opened a new pier for ferries.\n');

    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const result = await store.refresh();
    const tookMs = performance.now() - started;
    clearInterval(ticker);

    expect(result.ok).toBe(true);
    expect(store.current.counts().passages).toBe(before + 1);
    expect(answerQuestion(store.current, 'what did the zephyrholm harbour board open?').citations[0]?.quote).toContain('Zephyrholm');
    // Built here, the thread would be held for the whole rebuild; in a worker, only receiving the result holds it.
    expect(longestGap).toBeLessThan(tookMs / 2);
  }, 60_000);

  it('refreshes in no time when the files have not changed', async () => {
    const folder = knowledgeWith({ 'a.txt': 'A Title\n\nThe harbour board opened the northern pier to cargo ships.\n' });
    cleanups.push(folder.cleanup);
    writeFileSync(path.join(folder.dir, 'entities.json'), '[]');
    const { store } = await KnowledgeStore.open(folder.dir);
    const served = store.current;
    const result = await store.refresh();
    expect(result).toMatchObject({ ok: true, changed: false });
    expect(store.current).toBe(served);
  });
});
