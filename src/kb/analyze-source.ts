import { ClaimExtractor, type Claim } from './claims.ts';
import { EntityMatcher, type EntityMention } from './entity-matcher.ts';
import type { KnowledgeProblem } from './errors.ts';
import { ingestSource } from './ingest.ts';
import type { CatalogEntry } from './schemas.ts';
import { contentStem, tokenize } from './text.ts';
import type { Entity, Passage, Source } from './types.ts';

/**
 * Everything a build does with one report that does not depend on any other report: cleaning, segmentation, word
 * stems (split and stemmed once, for the term statistics, the entity mentions and the index alike), entity
 * mentions and claims.
 */

export interface SourceFile {
  file: string;
  bytes: Buffer;
}

export interface SourceAnalysis {
  problems: KnowledgeProblem[];
  /** Null when the file is refused; its problems say why. */
  source: Source | null;
  /** Body paragraphs, with the entities each mentions. */
  passages: Passage[];
  /** Each passage's content-word stems, in order. */
  passageStems: string[][];
  /** Content words as normalised (before stemming) → how often the report uses them; the speller's vocabulary. */
  wordFrequency: Map<string, number>;
  claims: Claim[];
}

export class SourceAnalyzer {
  private readonly matcher: EntityMatcher | null;
  private readonly extractor: ClaimExtractor;

  constructor(entities: readonly Entity[]) {
    const matcher = new EntityMatcher([...entities]);
    this.matcher = entities.length > 0 ? matcher : null;
    this.extractor = new ClaimExtractor(matcher, entities);
  }

  analyze({ file, bytes }: SourceFile, catalogEntry: CatalogEntry | undefined): SourceAnalysis {
    const problems: KnowledgeProblem[] = [];
    const ingested = ingestSource(file, bytes, catalogEntry, problems);
    const wordFrequency = new Map<string, number>();
    if (!ingested) return { problems, source: null, passages: [], passageStems: [], wordFrequency, claims: [] };
    const passageMentions: EntityMention[][] = [];
    const passageStems = ingested.passages.map((passage) => {
      const tokens = tokenize(passage.text);
      const stems: string[] = [];
      for (const { word } of tokens) {
        const stem = contentStem(word);
        if (stem === null) continue;
        wordFrequency.set(word, (wordFrequency.get(word) ?? 0) + 1);
        stems.push(stem);
      }
      if (this.matcher) {
        const mentions = this.matcher.findMentions(passage.text, { caseSensitiveSingleWords: true }, tokens);
        passageMentions.push(mentions);
        passage.entityIds = [...new Set(mentions.map((mention) => mention.entityId))];
      }
      return stems;
    });
    const claims = this.extractor.extract(ingested.passages, ingested.source.text, this.matcher ? passageMentions : undefined);
    return { problems, source: ingested.source, passages: ingested.passages, passageStems, wordFrequency, claims };
  }
}
