import type { EntityType } from './schemas.ts';

/** A report as loaded from knowledge/sources/, with metadata from its first line and catalog.json. */
export interface Source {
  /** The file name in sources/; stable as long as the file keeps its name. */
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  notes: string | null;
  /** The file's text exactly as stored; every citation offset points into it. */
  text: string;
  sha256: string;
}

export interface SentenceSpan {
  start: number;
  end: number;
}

/** One body paragraph or bullet of a report: the unit that answers cite. */
export interface Passage {
  /** Derived from source id + content, so it survives rebuilds while the words stay the same. */
  id: string;
  sourceId: string;
  /** 1-based position among the report's body paragraphs (chrome, captions and headings are not counted). */
  paragraph: number;
  kind: 'paragraph' | 'bullet';
  /** The nearest section heading above the paragraph, kept as context, never quoted as an answer. */
  heading: string | null;
  start: number;
  end: number;
  text: string;
  sentences: SentenceSpan[];
  /** Ids of entities named in the paragraph (through their names or aliases). */
  entityIds: string[];
}

export interface Citation {
  sourceId: string;
  title: string;
  outlet: string | null;
  url: string | null;
  paragraph: number;
  quote: string;
}

/** A curated question with its citations already resolved to passages of loaded sources. */
export interface QaPair {
  id: string;
  question: string;
  alternatives: string[];
  answer: string;
  citations: Array<{ sourceId: string; passageId: string; start: number; end: number }>;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  description: string | null;
  /** From entities.json; false for a name found in the reports' text, which has no roles or description. */
  curated: boolean;
}

export interface KnowledgeCounts {
  sources: number;
  passages: number;
  qa: number;
  entities: number;
  /** Of the entities, those entities.json defines; the rest were found in the reports' text. */
  curatedEntities: number;
  /** One per sentence; attributed ones name a claimant or a reporting cue. */
  claims: number;
  attributedClaims: number;
}
