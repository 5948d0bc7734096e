import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentStem, stemWord, tokenize } from '../kb/text.ts';
import type { Passage } from '../kb/types.ts';
import type { TextFeatures } from './coverage.ts';
import { vectorOf, type QueryContext } from './query.ts';

/**
 * The words of a paragraph and of each of its sentences as coverage reads them: stems, entity mentions and word
 * vectors. They do not depend on the question, and reading them (tokenising, stemming, finding mentions) was a
 * quarter of a question's time, repeated for the same paragraphs by every question near them and by every
 * suggestion checked against them; so they are read once per paragraph and kept, the most recently used first.
 */

export interface SentenceWords extends TextFeatures {
  start: number;
  end: number;
}

export interface PassageWords {
  passage: TextFeatures;
  sentences: SentenceWords[];
}

/**
 * A sentence opening with he, she, his or her ("He was admitted to hospital on Saturday") is about the person named
 * last before it, in its paragraph or the one above: a reader takes it so, and a question names that person ("when
 * was the hunter admitted to hospital").
 */
const OPENING_PERSON_PRONOUN = /^(?:he|she|his|her)$/i;

/** The person named last in a text (before `before`, an offset within it), if any. */
function lastPersonIn(kb: KnowledgeBase, text: string, before = text.length): string | null {
  let last: { start: number; entityId: string } | null = null;
  for (const mention of kb.entityMatcher.findMentions(text, { caseSensitiveSingleWords: true })) {
    if (mention.start < before && kb.entity(mention.entityId)?.type === 'person' && (!last || mention.start > last.start)) last = mention;
  }
  return last?.entityId ?? null;
}

/** The paragraph above a passage in its report, if any. */
function paragraphAbove(kb: KnowledgeBase, passage: Passage): Passage | null {
  const paragraphs = kb.passagesOf(passage.sourceId);
  const at = paragraphs.findIndex((other) => other.id === passage.id);
  return at > 0 ? paragraphs[at - 1]! : null;
}

/** Paragraphs whose words are kept: a few questions' candidates (20 to 60 each) and their suggestions' many times over. */
export const KEPT_PASSAGES = 4096;

function readPassageWords(kb: KnowledgeBase, passage: Passage, context: QueryContext): PassageWords {
  const sentences = passage.sentences.map((span) => ({
    ...span,
    stems: new Set<string>(),
    entityIds: new Set<string>(),
    vectorIds: [] as number[],
  }));
  const sentenceAt = (offset: number) => sentences.find((sentence) => offset >= sentence.start && offset < sentence.end);
  const stems = new Set<string>();
  const vectorIds = new Set<number>();
  const tokens = tokenize(passage.text);
  for (const token of tokens) {
    const stem = contentStem(token.word);
    if (stem === null) continue;
    stems.add(stem);
    const sentence = sentenceAt(passage.start + token.start);
    sentence?.stems.add(stem);
    const vectorId = vectorOf(token.word, context);
    if (vectorId < 0) continue;
    vectorIds.add(vectorId);
    // Each sentence has its own words: one used in an earlier sentence is this one's too.
    if (sentence && !sentence.vectorIds.includes(vectorId)) sentence.vectorIds.push(vectorId);
  }
  const entityIds = new Set(passage.entityIds);
  if (passage.heading) {
    // The heading is the paragraph's context, its names as much as its words ("The Doobie Brothers … dates:").
    for (const token of tokenize(passage.heading)) stems.add(stemWord(token.word));
    for (const mention of kb.entityMatcher.findMentions(passage.heading, { caseSensitiveSingleWords: true }))
      entityIds.add(mention.entityId);
  }
  // The report's title is every paragraph's context: a paragraph of an article headed "Plague case in Beijing" is
  // about the plague whether or not it says so again. It counts for less than the paragraph's own words
  // (`titleContextCertainty`), as a paragraph may be about something else the article reports.
  const title = { stems: new Set<string>(), entityIds: new Set<string>() };
  const titleText = kb.source(passage.sourceId)?.title ?? '';
  for (const token of tokenize(titleText)) {
    const stem = contentStem(token.word);
    if (stem !== null) title.stems.add(stem);
  }
  for (const mention of kb.entityMatcher.findMentions(titleText, { caseSensitiveSingleWords: true })) title.entityIds.add(mention.entityId);
  for (const mention of kb.entityMatcher.findMentions(passage.text, { caseSensitiveSingleWords: true }, tokens)) {
    sentenceAt(passage.start + mention.start)?.entityIds.add(mention.entityId);
  }
  for (const sentence of sentences) {
    const opening = tokens.find((token) => passage.start + token.start >= sentence.start);
    if (!opening || !OPENING_PERSON_PRONOUN.test(opening.word) || passage.start + opening.start !== sentence.start) continue;
    const offset = sentence.start - passage.start;
    const above = paragraphAbove(kb, passage);
    const person = lastPersonIn(kb, passage.text, offset) ?? (offset === 0 && above ? lastPersonIn(kb, above.text) : null);
    if (person) {
      sentence.entityIds.add(person);
      entityIds.add(person);
    }
  }
  return { passage: { stems, entityIds, vectorIds: [...vectorIds], title }, sentences };
}

/** One knowledge base's paragraph words, read on first use and kept for the `KEPT_PASSAGES` most recently used. */
export class PassageWordCache {
  private readonly kept = new Map<string, PassageWords>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly context: QueryContext,
    private readonly capacity = KEPT_PASSAGES,
  ) {}

  wordsOf(passage: Passage): PassageWords {
    let words = this.kept.get(passage.id);
    if (words) {
      // Map keeps insertion order: moving an entry to the end makes the first one the least recently used.
      this.kept.delete(passage.id);
    } else {
      words = readPassageWords(this.kb, passage, this.context);
      if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(passage.id, words);
    return words;
  }
}
