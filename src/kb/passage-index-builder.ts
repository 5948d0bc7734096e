import { PassageIndex } from './passage-index.ts';
import { contentTerms } from './text.ts';

/** Builds the candidate index (src/kb/passage-index.ts) passage by passage, computing each posting's score once. */

/** What each part of a passage is worth: its own words, then the entities it names, then its section heading. */
const FIELD_WEIGHTS = { text: 1, entities: 0.6, heading: 0.3 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
/** Field order in the entries: a passage's fields are added in this order. */
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/** BM25+ parameters: term-frequency saturation, length normalisation, and the floor every matching field earns. */
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;

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
  private readonly fieldDocumentFrequency = FIELDS.map(() => new UintList());
  private readonly fieldLengths = FIELDS.map(() => new UintList());
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
    const fieldLengths = this.fieldLengths.map((lengths) => lengths.values());
    const averageLength = fieldLengths.map((lengths) =>
      Math.max(1, lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documentCount)),
    );
    const idf = (fieldIndex: number, termId: number) => {
      const frequency = this.fieldDocumentFrequency[fieldIndex]!.get(termId);
      return Math.log(1 + (documentCount - frequency + 0.5) / (frequency + 0.5));
    };

    // Counting sort of entries by term, moving each entry's passage and field into its term's slots, so the pass
    // that scores them reads memory in order.
    const starts = new Uint32Array(terms.length + 1);
    for (const term of entryTerm) starts[term + 1]!++;
    for (let term = 0; term < terms.length; term++) starts[term + 1]! += starts[term]!;
    const next = starts.slice(0, terms.length);
    const slotPosition = new Uint32Array(entryTerm.length);
    const slotFieldAndFrequency = new Uint32Array(entryTerm.length);
    for (let entry = 0; entry < entryTerm.length; entry++) {
      const slot = next[entryTerm[entry]!]!++;
      slotPosition[slot] = entryPosition[entry]!;
      slotFieldAndFrequency[slot] = entryFieldAndFrequency[entry]!;
    }

    // One posting per (term, passage): the fields' BM25+ contributions summed.
    const offsets = new Uint32Array(terms.length + 1);
    const positions = new Uint32Array(entryTerm.length);
    const impacts = new Float32Array(entryTerm.length);
    const fieldIdf = new Float64Array(FIELDS.length);
    let postings = 0;
    for (let term = 0; term < terms.length; term++) {
      offsets[term] = postings;
      for (let fieldIndex = 0; fieldIndex < FIELDS.length; fieldIndex++)
        fieldIdf[fieldIndex] = FIELD_WEIGHTS[FIELDS[fieldIndex]!] * idf(fieldIndex, term);
      for (let slot = starts[term]!; slot < starts[term + 1]!; slot++) {
        const position = slotPosition[slot]!;
        const fieldIndex = slotFieldAndFrequency[slot]! & 3;
        const frequency = slotFieldAndFrequency[slot]! >>> 2;
        const length = fieldLengths[fieldIndex]![position]!;
        const saturation = (frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / averageLength[fieldIndex]!)) + DELTA;
        const impact = fieldIdf[fieldIndex]! * saturation;
        if (postings > offsets[term]! && positions[postings - 1] === position) impacts[postings - 1]! += impact;
        else {
          positions[postings] = position;
          impacts[postings] = impact;
          postings++;
        }
      }
    }
    offsets[terms.length] = postings;
    return new PassageIndex(documentCount, terms, offsets, positions.slice(0, postings), impacts.slice(0, postings));
  }
}
