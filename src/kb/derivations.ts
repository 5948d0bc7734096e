import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stemWord } from './text.ts';
import { singleWordLemma, wordnetDir } from './thesaurus.ts';

/**
 * Words derived from one another: "conclude" and "conclusion", "decide" and "decision", "injure" and "injury".
 * The Porter stemmer strips inflections, not derivations, and word vectors find such pairs only in part (cosine
 * 0.22 for injure/injury), so a question in one form missed the text in the other.
 * WordNet links each such pair word to word (its "derivationally related form" pointers), which is narrower than
 * its synonyms: the two words share a root and, in the linked senses, a meaning.
 */

const DATA_FILES = { n: 'data.noun', v: 'data.verb', a: 'data.adj', s: 'data.adj', r: 'data.adv' } as const;
type PartOfSpeech = keyof typeof DATA_FILES;
/** The pointer symbol WordNet uses for a derivationally related form. */
const DERIVATION = '+';
/**
 * WordNet's lexicographer file of nouns for people. A word for who does something is not the doing: "what songs did
 * Keys sing" is not answered by "the singer", nor "who survived" by a sentence about survivors in general. It also
 * leaves out pairs WordNet links only through the person ("intern" and "internship").
 */
const PERSON_NOUNS = '18';
const isPersonNoun = (line: string) => line.split(' ', 3)[1] === PERSON_NOUNS && line.split(' ', 3)[2] === 'n';

let derivationCache: Map<string, readonly string[]> | null = null;

/** The words of a synset line, in order (WordNet numbers them from 1 in its pointers). */
function synsetWords(line: string): string[] {
  const fields = line.split(' ', 4 + 2 * 256);
  const wordCount = parseInt(fields[3]!, 16);
  return Array.from({ length: wordCount }, (_, index) => fields[4 + index * 2] ?? '');
}

function lineAt(data: string, offset: number): string {
  const end = data.indexOf('\n', offset);
  return data.slice(offset, end < 0 ? data.length : end);
}

/** Stem → stems of the words derived from it or it from them; read once per process from WordNet's data files. */
function derivations(): Map<string, readonly string[]> {
  if (derivationCache) return derivationCache;
  const dir = wordnetDir();
  // latin1 maps each byte to one character, so string positions are the files' byte offsets.
  const files = new Map<string, string>();
  const data = (pos: PartOfSpeech) => {
    const file = DATA_FILES[pos];
    let text = files.get(file);
    if (text === undefined) files.set(file, (text = readFileSync(path.join(dir, file), 'latin1')));
    return text;
  };
  const related = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    let set = related.get(a);
    if (!set) related.set(a, (set = new Set()));
    set.add(b);
  };
  for (const pos of ['n', 'v', 'a', 'r'] as const) {
    const text = data(pos);
    for (const line of text.split('\n')) {
      if (line.startsWith(' ') || !line.includes(` ${DERIVATION} `) || isPersonNoun(line)) continue;
      const words = synsetWords(line);
      const fields = line.split(' ');
      const pointerAt = 4 + words.length * 2;
      const pointerCount = parseInt(fields[pointerAt]!, 10);
      for (let index = 0; index < pointerCount; index++) {
        const at = pointerAt + 1 + index * 4;
        if (fields[at] !== DERIVATION) continue;
        const targetPos = fields[at + 2] as PartOfSpeech;
        const sourceTarget = fields[at + 3]!;
        const source = singleWordLemma(words[parseInt(sourceTarget.slice(0, 2), 16) - 1] ?? '');
        const targetLine = lineAt(data(targetPos), parseInt(fields[at + 1]!, 10));
        if (isPersonNoun(targetLine)) continue;
        const targetWords = synsetWords(targetLine);
        const target = singleWordLemma(targetWords[parseInt(sourceTarget.slice(2), 16) - 1] ?? '');
        if (source && target) link(stemWord(source), stemWord(target));
      }
    }
  }
  derivationCache = new Map([...related].map(([stem, set]) => [stem, [...set]]));
  return derivationCache;
}

/** Stems of the words WordNet derives from a word or it from them ("conclus" for "conclude"); its own excluded. */
export function derivedStems(word: string): readonly string[] {
  return derivations().get(stemWord(word)) ?? [];
}
