import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentStem, contentTerms, stemWord, tokenize } from '../kb/text.ts';
import type { Passage } from '../kb/types.ts';
import type { EntityMention } from '../kb/entity-matcher.ts';
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

/** The person named last among mentions (before `before`, an offset within their text), if any. */
function lastPersonAmong(kb: KnowledgeBase, mentions: readonly EntityMention[], before = Infinity): string | null {
  let last: EntityMention | null = null;
  for (const mention of mentions) {
    if (mention.start < before && kb.entity(mention.entityId)?.type === 'person' && (!last || mention.start > last.start)) last = mention;
  }
  return last?.entityId ?? null;
}

/** The paragraph above a passage in its report, if any: a report's paragraphs are kept in order, numbered from 1. */
function paragraphAbove(kb: KnowledgeBase, passage: Passage): Passage | null {
  const above = kb.passagesOf(passage.sourceId)[passage.paragraph - 2];
  return above?.paragraph === passage.paragraph - 1 ? above : null;
}

/** A report title's words and names, the context of each of its paragraphs. */
type TitleWords = NonNullable<TextFeatures['title']>;

function readTitleWords(kb: KnowledgeBase, title: string): TitleWords {
  return {
    stems: new Set(contentTerms(title)),
    entityIds: new Set(kb.entityMatcher.findMentions(title, { caseSensitiveSingleWords: true }).map((mention) => mention.entityId)),
  };
}

/** Paragraphs whose words are kept: a few questions' candidates (20 to 60 each) and their suggestions' many times over. */
export const KEPT_PASSAGES = 4096;

function readPassageWords(kb: KnowledgeBase, passage: Passage, context: QueryContext, title: TitleWords): PassageWords {
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
  const mentions = kb.entityMatcher.findMentions(passage.text, { caseSensitiveSingleWords: true }, tokens);
  for (const mention of mentions) sentenceAt(passage.start + mention.start)?.entityIds.add(mention.entityId);
  for (const sentence of sentences) {
    const opening = tokens.find((token) => passage.start + token.start >= sentence.start);
    if (!opening || !OPENING_PERSON_PRONOUN.test(opening.word) || passage.start + opening.start !== sentence.start) continue;
    const offset = sentence.start - passage.start;
    let person = lastPersonAmong(kb, mentions, offset);
    const above = person === null && offset === 0 ? paragraphAbove(kb, passage) : null;
    if (above) person = lastPersonAmong(kb, kb.entityMatcher.findMentions(above.text, { caseSensitiveSingleWords: true }));
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
  /**
   * The report's title is every paragraph's context: a paragraph of an article headed "Plague case in Beijing" is
   * about the plague whether or not it says so again. It counts for less than the paragraph's own words
   * (`titleContextCertainty`), as a paragraph may be about something else the article reports. Read once a report.
   */
  private readonly titles = new Map<string, TitleWords>();

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
      words = readPassageWords(this.kb, passage, this.context, this.titleOf(passage.sourceId));
      if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(passage.id, words);
    return words;
  }

  private titleOf(sourceId: string): TitleWords {
    let title = this.titles.get(sourceId);
    if (!title) this.titles.set(sourceId, (title = readTitleWords(this.kb, this.kb.source(sourceId)?.title ?? '')));
    return title;
  }
}
