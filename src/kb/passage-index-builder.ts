import { FIELD_COUNT, PassageIndex } from './passage-index.ts';
import { contentTerms } from './text.ts';

/**
 * Builds the candidate index (src/kb/passage-index.ts) passage by passage: each passage's fields (its own words,
 * the entities it names, its section heading), with how often each term occurs in each and how long each is. BM25's
 * parameters and the fields' weights are applied when a question is asked, so they are scoring options like any
 * other (src/answer/scoring-options.ts).
 */

export interface IndexablePassage {
  stems: string[];
  heading: string | null;
  entityNames: string[];
}

/** A growable Uint32Array, for counts whose number is only known at the end. */
class UintList {
  private data = new Uint32Array(1 << 12);
  length = 0;

  private ensure(size: number): void {
    if (size <= this.data.length) return;
    const grown = new Uint32Array(Math.max(size, this.data.length * 2));
    grown.set(this.data);
    this.data = grown;
  }

  push(value: number): void {
    this.ensure(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Adds one at an index, growing (with zeros) to reach it; returns the new count. */
  increment(index: number): number {
    if (index >= this.length) {
      this.ensure(index + 1);
      this.length = index + 1;
    }
    return ++this.data[index]!;
  }

  get(index: number): number {
    return index < this.length ? this.data[index]! : 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** The values so far, without copying. */
  values(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Postings are collected passage by passage as (term, passage, field, frequency) entries, then grouped by term with
 * a counting sort, which keeps each term's postings in passage order and a passage's fields next to each other.
 */
export class PassageIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly fieldDocumentFrequency = Array.from({ length: FIELD_COUNT }, () => new UintList());
  private readonly fieldLengths = Array.from({ length: FIELD_COUNT }, () => new UintList());
  private readonly entryTerm = new UintList();
  private readonly entryPosition = new UintList();
  /** Field index in the low 2 bits, frequency above them. */
  private readonly entryFieldAndFrequency = new UintList();
  /** Headings and entity names repeat across passages; each is split and stemmed once. */
  private readonly nameStems = new Map<string, string[]>();
  /** Occurrences of each term in the field being added, and the terms it has: cleared after every field. */
  private readonly fieldCounts = new UintList();
  private readonly fieldTerms: number[] = [];
  private documentCount = 0;

  /** Adds the next passage; its position is the number of passages added before it. */
  add(passage: IndexablePassage): void {
    const position = this.documentCount++;
    this.addField(position, 0, passage.stems);
    this.addField(position, 1, passage.entityNames.length === 0 ? [] : passage.entityNames.flatMap((name) => this.stemsOfName(name)));
    this.addField(position, 2, this.stemsOfName(passage.heading ?? ''));
  }

  /** In how many passages each stem occurs in the passage's own words. */
  textDocumentFrequency(): Map<string, number> {
    const frequency = this.fieldDocumentFrequency[0]!;
    const result = new Map<string, number>();
    this.terms.forEach((term, id) => {
      if (frequency.get(id) > 0) result.set(term, frequency.get(id));
    });
    return result;
  }

  private stemsOfName(name: string): string[] {
    let stems = this.nameStems.get(name);
    if (!stems) this.nameStems.set(name, (stems = contentTerms(name)));
    return stems;
  }

  private idOf(stem: string): number {
    let id = this.termIds.get(stem);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(stem, id);
      this.terms.push(stem);
    }
    return id;
  }

  private addField(position: number, fieldIndex: number, stems: readonly string[]): void {
    this.fieldLengths[fieldIndex]!.push(stems.length);
    const { fieldCounts, fieldTerms } = this;
    for (const stem of stems) {
      if (!stem) continue;
      const id = this.idOf(stem);
      if (fieldCounts.increment(id) === 1) fieldTerms.push(id);
    }
    for (const id of fieldTerms) {
      this.fieldDocumentFrequency[fieldIndex]!.increment(id);
      this.entryTerm.push(id);
      this.entryPosition.push(position);
      this.entryFieldAndFrequency.push((fieldCounts.get(id) << 2) | fieldIndex);
      fieldCounts.set(id, 0);
    }
    fieldTerms.length = 0;
  }

  finish(): PassageIndex {
    const { documentCount, terms } = this;
    const entryTerm = this.entryTerm.values();
    const entryPosition = this.entryPosition.values();
    const entryFieldAndFrequency = this.entryFieldAndFrequency.values();

    // Counting sort of entries by term, keeping each term's postings in passage order and a passage's fields
    // together, so a search reads memory in order.
    const offsets = new Uint32Array(terms.length + 1);
    for (const term of entryTerm) offsets[term + 1]!++;
    for (let term = 0; term < terms.length; term++) offsets[term + 1]! += offsets[term]!;
    const next = offsets.slice(0, terms.length);
    const positions = new Uint32Array(entryTerm.length);
    const fieldAndFrequency = new Uint32Array(entryTerm.length);
    for (let entry = 0; entry < entryTerm.length; entry++) {
      const slot = next[entryTerm[entry]!]!++;
      positions[slot] = entryPosition[entry]!;
      fieldAndFrequency[slot] = entryFieldAndFrequency[entry]!;
    }

    const documentFrequency = new Uint32Array(terms.length * FIELD_COUNT);
    const lengths = new Uint32Array(documentCount * FIELD_COUNT);
    for (let field = 0; field < FIELD_COUNT; field++) {
      const frequency = this.fieldDocumentFrequency[field]!;
      for (let term = 0; term < terms.length; term++) documentFrequency[term * FIELD_COUNT + field] = frequency.get(term);
      const fieldLengths = this.fieldLengths[field]!;
      for (let position = 0; position < documentCount; position++) lengths[position * FIELD_COUNT + field] = fieldLengths.get(position);
    }
    return new PassageIndex({ documentCount, terms, offsets, positions, fieldAndFrequency, documentFrequency, lengths });
  }
}
