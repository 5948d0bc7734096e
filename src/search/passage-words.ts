import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { contentStem, contentTerms, stemWord, tokenize, type Token } from '../kb/text.ts';
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

/** What a paragraph's word form contributes: its content stem (null for a stop word) and its vector id (or -1). */
interface WordForm {
  stem: string | null;
  vectorId: number;
}

/** A paragraph's sentence whose sets are filled as its words are read, in order. */
type SentenceBeingRead = SentenceWords & { stems: Set<string>; entityIds: Set<string>; vectorIds: number[] };

/** Word forms whose stem and vector are kept: a large collection's vocabulary, typos and names included. */
const KEPT_WORD_FORMS = 200_000;

function readPassageWords(kb: KnowledgeBase, passage: Passage, title: TitleWords, formOf: (word: string) => WordForm): PassageWords {
  const sentences: SentenceBeingRead[] = passage.sentences.map((span) => ({
    start: span.start,
    end: span.end,
    stems: new Set<string>(),
    entityIds: new Set<string>(),
    vectorIds: [],
  }));
  // Tokens and mentions come in the order of the text, so the sentence they fall in only moves forward.
  let current = 0;
  const sentenceAt = (offset: number): SentenceBeingRead | undefined => {
    while (current < sentences.length && offset >= sentences[current]!.end) current++;
    const sentence = sentences[current];
    return sentence && offset >= sentence.start ? sentence : undefined;
  };
  const stems = new Set<string>();
  const vectorIds = new Set<number>();
  const tokens = tokenize(passage.text);
  // The first token of each sentence, to tell a sentence that opens with a pronoun.
  const openings = new Map<SentenceBeingRead, Token>();
  for (const token of tokens) {
    const sentence = sentenceAt(passage.start + token.start);
    if (sentence && !openings.has(sentence)) openings.set(sentence, token);
    const { stem, vectorId } = formOf(token.word);
    if (stem === null) continue;
    stems.add(stem);
    sentence?.stems.add(stem);
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
  current = 0;
  for (const mention of mentions) sentenceAt(passage.start + mention.start)?.entityIds.add(mention.entityId);
  for (const sentence of sentences) {
    const opening = openings.get(sentence);
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
  /**
   * Each word form's stem and vector, looked up once: a paragraph's words are mostly words other paragraphs use,
   * and the look-ups (stop words, stem, English, vector) were a third of reading a paragraph.
   */
  private readonly forms = new Map<string, WordForm>();

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
      words = readPassageWords(this.kb, passage, this.titleOf(passage.sourceId), (word) => this.formOf(word));
      if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(passage.id, words);
    return words;
  }

  private formOf(word: string): WordForm {
    let form = this.forms.get(word);
    if (!form) {
      const stem = contentStem(word);
      form = { stem, vectorId: stem === null ? -1 : vectorOf(word, this.context) };
      // Emptied when full rather than frozen, as the stem caches are: later reports have words of their own.
      if (this.forms.size >= KEPT_WORD_FORMS) this.forms.clear();
      this.forms.set(word, form);
    }
    return form;
  }

  private titleOf(sourceId: string): TitleWords {
    let title = this.titles.get(sourceId);
    if (!title) this.titles.set(sourceId, (title = readTitleWords(this.kb, this.kb.source(sourceId)?.title ?? '')));
    return title;
  }
}
