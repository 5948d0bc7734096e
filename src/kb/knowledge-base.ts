import type { Claim } from './claims.ts';
import { EntityMatcher } from './entity-matcher.ts';
import type { PassageIndex } from './passage-index.ts';
import type { Citation, Entity, KnowledgeCounts, Passage, QaPair, Source } from './types.ts';

/** Document frequencies of stems and counts of surface words: what question analysis weighs terms with. */
export interface TermStatistics {
  documentCount: number;
  stemDocumentFrequency: Map<string, number>;
  wordFrequency: Map<string, number>;
  /** Stems the reports do not use → the reports' stems WordNet relates them to. */
  relatedStems: Map<string, string[]>;
}

export interface KnowledgeBaseParts {
  fingerprint: string;
  builtAt: string;
  sources: Source[];
  passages: Passage[];
  qa: QaPair[];
  entities: Entity[];
  claims: Claim[];
  passageIndex: PassageIndex;
  terms: TermStatistics;
  warnings: string[];
}

/**
 * Everything the bot answers from, built and validated as a whole. Immutable: a refresh builds a new one and
 * swaps the reference, so a question is always answered from one consistent build.
 */
export class KnowledgeBase {
  readonly fingerprint: string;
  readonly builtAt: string;
  readonly sources: readonly Source[];
  readonly passages: readonly Passage[];
  readonly qa: readonly QaPair[];
  readonly entities: readonly Entity[];
  readonly claims: readonly Claim[];
  readonly passageIndex: PassageIndex;
  readonly terms: TermStatistics;
  readonly warnings: readonly string[];
  readonly entityMatcher: EntityMatcher;
  private readonly sourceById: Map<string, Source>;
  private readonly passageById: Map<string, Passage>;
  private readonly entityById: Map<string, Entity>;
  private readonly passagesBySource = new Map<string, Passage[]>();
  /** Made on first use: only suggestions for declined questions read claims by paragraph. */
  private claimsByPassage: Map<string, Claim[]> | null = null;

  constructor(parts: KnowledgeBaseParts) {
    this.fingerprint = parts.fingerprint;
    this.builtAt = parts.builtAt;
    this.sources = parts.sources;
    this.passages = parts.passages;
    this.qa = parts.qa;
    this.entities = parts.entities;
    this.claims = parts.claims;
    this.passageIndex = parts.passageIndex;
    this.terms = parts.terms;
    this.warnings = parts.warnings;
    this.entityMatcher = new EntityMatcher(parts.entities);
    this.sourceById = new Map(parts.sources.map((source) => [source.id, source]));
    this.passageById = new Map(parts.passages.map((passage) => [passage.id, passage]));
    this.entityById = new Map(parts.entities.map((entity) => [entity.id, entity]));
    for (const passage of parts.passages) {
      const ofSource = this.passagesBySource.get(passage.sourceId);
      if (ofSource) ofSource.push(passage);
      else this.passagesBySource.set(passage.sourceId, [passage]);
    }
  }

  source(id: string): Source | undefined {
    return this.sourceById.get(id);
  }

  passage(id: string): Passage | undefined {
    return this.passageById.get(id);
  }

  entity(id: string): Entity | undefined {
    return this.entityById.get(id);
  }

  /** The claims made in one paragraph, in sentence order. */
  claimsIn(passageId: string): readonly Claim[] {
    if (!this.claimsByPassage) {
      this.claimsByPassage = new Map();
      for (const claim of this.claims) {
        const inPassage = this.claimsByPassage.get(claim.passageId);
        if (inPassage) inPassage.push(claim);
        else this.claimsByPassage.set(claim.passageId, [claim]);
      }
    }
    return this.claimsByPassage.get(passageId) ?? [];
  }

  /** A report's passages in paragraph order. */
  passagesOf(sourceId: string): readonly Passage[] {
    return this.passagesBySource.get(sourceId) ?? [];
  }

  counts(): KnowledgeCounts {
    return {
      sources: this.sources.length,
      passages: this.passages.length,
      qa: this.qa.length,
      entities: this.entities.length,
      curatedEntities: this.entities.filter((entity) => entity.curated).length,
      claims: this.claims.length,
      attributedClaims: this.claims.filter((claim) => claim.claimant !== null || claim.cue !== null).length,
    };
  }

  /** The only way a citation is made: from a loaded passage and offsets inside it, so the quote is the source's. */
  cite(passage: Passage, start = passage.start, end = passage.end): Citation {
    const source = this.sourceById.get(passage.sourceId);
    if (!source) throw new Error(`passage ${passage.id} belongs to no loaded source`);
    const from = Math.max(start, passage.start);
    const to = Math.min(end, passage.end);
    return {
      sourceId: source.id,
      title: source.title,
      outlet: source.outlet,
      url: source.url,
      paragraph: passage.paragraph,
      quote: source.text.slice(from, to),
    };
  }
}
