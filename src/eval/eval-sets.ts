import path from 'node:path';
import { buildKnowledgeBase } from '../kb/build.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { readKnowledgeFolder } from '../kb/read-folder.ts';
import { loadEvalSet, type EvalSet } from './answer-eval.ts';

/**
 * The sets `npm run eval` reports side by side. The bundled set asks about the two bundled reports, with their
 * curated Q&A and without it (what any report a moderator adds meets: no curation). The real-article sets are
 * news pages as scraped, with no Q&A and no entities: the development half is what scoring is tuned on, the
 * held-out half is only reported.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface NamedEvalSet {
  name: string;
  description: string;
  /** Whether scoring may be tuned on it. */
  tuned: boolean;
  knowledge(): Promise<KnowledgeBase>;
  questions(): EvalSet;
}

async function knowledgeOf(dir: string, withoutQa = false): Promise<KnowledgeBase> {
  const files = await readKnowledgeFolder(dir);
  return buildKnowledgeBase(withoutQa ? { ...files, qa: null } : files);
}

export function evalSets(knowledgeDir = path.join(ROOT, 'knowledge')): NamedEvalSet[] {
  const bundledQuestions = () => loadEvalSet(path.join(ROOT, 'tests/eval/questions.json'));
  const real = (half: 'dev' | 'test') => path.join(ROOT, 'tests/eval/real', half);
  return [
    { name: 'bundled', description: 'bundled reports, curated Q&A', tuned: true, knowledge: () => knowledgeOf(knowledgeDir), questions: bundledQuestions },
    { name: 'bundled-no-qa', description: 'bundled reports, qa.json emptied', tuned: true, knowledge: () => knowledgeOf(knowledgeDir, true), questions: bundledQuestions },
    { name: 'real-dev', description: 'real articles, development half', tuned: true, knowledge: () => knowledgeOf(real('dev')), questions: () => loadEvalSet(path.join(real('dev'), 'questions.json')) },
    { name: 'real-test', description: 'real articles, held-out half', tuned: false, knowledge: () => knowledgeOf(real('test')), questions: () => loadEvalSet(path.join(real('test'), 'questions.json')) },
  ];
}
