import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerQuestion } from '../src/answer/answer.ts';
import { buildKnowledgeBase, type KnowledgeInput } from '../src/kb/build.ts';
import { KnowledgeBuildError } from '../src/kb/errors.ts';
import { buildKnowledgeBaseInParallel } from '../src/kb/parallel-build.ts';
import { readKnowledgeFolder } from '../src/kb/read-folder.ts';
import { log } from '../src/log.ts';
import { KNOWLEDGE_DIR, PROJECT_ROOT } from './helpers/knowledge.ts';

async function bundledAndDevelopmentReports(): Promise<KnowledgeInput> {
  const bundled = await readKnowledgeFolder(KNOWLEDGE_DIR);
  const others = await readKnowledgeFolder(path.join(PROJECT_ROOT, 'tests/eval/real/dev'));
  return { ...bundled, sources: [...bundled.sources, ...others.sources] };
}

const TWO_THREADS = { threads: 2, minBytes: 0 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('building on two threads', () => {
  it('gives the knowledge base the one-thread build gives: passages, names, claims, index and answers', async () => {
    const input = await bundledAndDevelopmentReports();
    const warn = vi.spyOn(log, 'warn');
    const one = buildKnowledgeBase(input);
    const two = await buildKnowledgeBaseInParallel(input, TWO_THREADS);
    // The worker did its share: had it failed, this thread would have built everything and said so.
    expect(warn).not.toHaveBeenCalled();
    expect(two.fingerprint).toBe(one.fingerprint);
    expect(two.passages).toEqual(one.passages);
    expect(two.entities).toEqual(one.entities);
    expect(two.claims).toEqual(one.claims);
    expect(two.qa).toEqual(one.qa);
    expect([...two.terms.wordFrequency]).toEqual([...one.terms.wordFrequency]);
    expect(two.passageIndex.toArrays()).toEqual(one.passageIndex.toArrays());
    for (const question of ['Was Puttin personaly involvd in the hacks?', 'who is tim cook', 'how much did apple shares fall']) {
      expect(answerQuestion(two, question)).toEqual(answerQuestion(one, question));
    }
  }, 60_000);

  it('refuses what the one-thread build refuses, naming the same problems, copies of broken reports included', async () => {
    const input = await bundledAndDevelopmentReports();
    const broken = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]);
    const first = input.sources[0]!;
    const bad: KnowledgeInput = {
      ...input,
      sources: [
        ...input.sources,
        { file: 'copy.txt', bytes: first.bytes },
        { file: 'zz-broken.txt', bytes: broken },
        { file: 'zz-broken-copy.txt', bytes: broken },
      ],
    };
    const problemsOf = async (build: () => unknown) => {
      try {
        await build();
      } catch (error) {
        expect(error).toBeInstanceOf(KnowledgeBuildError);
        return (error as KnowledgeBuildError).problems;
      }
      throw new Error('built');
    };
    const one = await problemsOf(() => buildKnowledgeBase(bad));
    const two = await problemsOf(() => buildKnowledgeBaseInParallel(bad, TWO_THREADS));
    expect(two).toEqual(one);
    expect(one.map((problem) => problem.file)).toEqual(
      expect.arrayContaining(['sources/copy.txt', 'sources/zz-broken.txt', 'sources/zz-broken-copy.txt']),
    );
  }, 60_000);
});
