import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { splitReport, type SyntheticSource } from './corpus.ts';

/**
 * Baselines the benchmark compares Dossier against. Both search the same paragraphs (splitParagraphs) and
 * return their top hit.
 */

export interface BenchParagraph {
  /** 0-based position in the splitParagraphs output (stable across runs for the same sources). */
  id: number;
  file: string;
  text: string;
}

export interface Baseline {
  name: string;
  search(question: string): BenchParagraph | undefined;
}

/** Body paragraphs of every source, in order: the first line (headline) is skipped, blank lines separate. */
export function splitParagraphs(sources: readonly SyntheticSource[]): BenchParagraph[] {
  const out: BenchParagraph[] = [];
  for (const source of sources) {
    for (const text of splitReport(source.text).paragraphs) out.push({ id: out.length, file: source.file, text });
  }
  return out;
}

/** The naive approach: Fuse.js over raw paragraph text, top result. Very slow on large corpora. */
export function buildNaiveFuse(paragraphs: readonly BenchParagraph[]): Baseline {
  const fuse = new Fuse([...paragraphs], {
    keys: ['text'],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.6,
  });
  return {
    name: 'naive-fuse',
    search(question: string): BenchParagraph | undefined {
      return fuse.search(question, { limit: 1 })[0]?.item;
    },
  };
}

/** Plain MiniSearch (BM25, fuzzy 0.2, prefix) over paragraph text, top result. */
export function buildPlainMiniSearch(paragraphs: readonly BenchParagraph[]): Baseline {
  const byId = new Map<number, BenchParagraph>();
  for (const p of paragraphs) byId.set(p.id, p);
  const index = new MiniSearch<BenchParagraph>({
    fields: ['text'],
    storeFields: [],
    searchOptions: { fuzzy: 0.2, prefix: true },
  });
  index.addAll(paragraphs);
  return {
    name: 'plain-minisearch',
    search(question: string): BenchParagraph | undefined {
      const top = index.search(question)[0];
      return top === undefined ? undefined : byId.get(top.id as number);
    },
  };
}
