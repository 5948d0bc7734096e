import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Claim } from '../kb/claims.ts';
import { resolveEntity } from '../search/claims-lookup.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';

/**
 * The claims eval: sentences labelled by hand with whether they are attributed, who claims it (a key that must
 * appear in the claimant), the cue, the hedge and what they are about. Two sets: every sentence of the bundled
 * reports (tests/eval/claims.json, subjects as entity ids) and sentences of real articles as scraped
 * (tests/eval/real/claims.json, no entities file: subjects are names, looked up as `/claims` looks them up).
 */

const LabelSchema = z.object({
  source: z.string(),
  contains: z.string().min(1),
  attributed: z.boolean(),
  /** Real articles: which set of the real articles the source is in. */
  folder: z.enum(['dev', 'test', 'dev3']).optional(),
  claimant: z.string().nullable(),
  claimantRole: z.string().nullable().optional(),
  claimantEntity: z.string().nullable().default(null),
  cue: z.string().nullable(),
  hedge: z.string().nullable(),
  subjects: z.array(z.string()),
  coreferenceSubjects: z.array(z.string()).default([]),
});
export const ClaimLabelsSchema = z.object({ sentences: z.array(LabelSchema) });
export type ClaimLabel = z.infer<typeof LabelSchema>;

export interface ClaimsEvalReport {
  sentences: number;
  attributed: number;
  /** Attributed sentences whose claim has the right claimant (or, for "it is said", none but a cue). */
  claimantRecall: number;
  /** Extracted claimants that are right. */
  claimantPrecision: number;
  /** Attributed claims whose extracted claimant is exactly the labelled one (case and a leading "the" aside); NaN where labels are keys. */
  claimantExact: number;
  /** Claimants given to sentences the article asserts itself: should be 0. */
  inventedClaimants: number;
  subjectRecall: number;
  cueAccuracy: number;
  hedgeAccuracy: number;
  misses: Array<{ sentence: string; expected: string | null; got: string | null }>;
}

export function loadClaimLabels(file: string): ClaimLabel[] {
  return ClaimLabelsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).sentences;
}

function claimFor(kb: KnowledgeBase, label: ClaimLabel): Claim | undefined {
  const text = kb.source(label.source)?.text ?? '';
  return kb.claims.find((claim) => claim.sourceId === label.source && text.slice(claim.start, claim.end).includes(label.contains));
}

const contains = (text: string | null, key: string) => text !== null && text.toLowerCase().includes(key.toLowerCase());

const bare = (text: string) =>
  text
    .toLowerCase()
    .replace(/^the\s+/, '')
    .trim();

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'his', 'her', 'their']);

/**
 * A claimant labelled as the whole name or group: right when the claimant found is that, holds it, or is the part of
 * the name the article uses ("Roof" for "Dylann Roof"); an unresolved "he" is not right.
 */
function rightSpan(got: string | null, label: string): boolean {
  if (got === null) return false;
  const found = bare(got);
  const wanted = bare(label);
  if (found.includes(wanted)) return true;
  const wantedWords = new Set(wanted.split(/\s+/));
  return found.split(/\s+/).every((word) => wantedWords.has(word) && !PRONOUNS.has(word));
}

/** `kbFor` gives the knowledge base a label's source is in (one for the bundled set, the right half for real articles). */
export function runClaimsEval(
  kbFor: (label: ClaimLabel) => KnowledgeBase,
  labels: ClaimLabel[],
  options: {
    /** "id" when subjects are labelled as entities.json ids; "name" when they are names, looked up as `/claims name` would. */
    subjects?: 'id' | 'name';
    claimantSpans?: boolean;
  } = {},
): ClaimsEvalReport {
  let exact = 0;
  let attributed = 0;
  let claimantRight = 0;
  let extractedClaimants = 0;
  let extractedRight = 0;
  let invented = 0;
  let subjects = 0;
  let subjectsFound = 0;
  let cueRight = 0;
  let hedgeRight = 0;
  const misses: ClaimsEvalReport['misses'] = [];
  for (const label of labels) {
    const claim = claimFor(kbFor(label), label);
    const got = claim?.claimant ?? null;
    const right =
      label.attributed &&
      (label.claimant === null
        ? got === null && claim?.cue != null
        : options.claimantSpans
          ? rightSpan(got, label.claimant)
          : contains(got, label.claimant));
    if (label.attributed) {
      attributed++;
      if (right) claimantRight++;
      if (label.claimant === null ? got === null : got !== null && bare(got) === bare(label.claimant)) exact++;
      if (!right) misses.push({ sentence: label.contains, expected: label.claimant ?? '(impersonal)', got });
      const expectedCue = label.cue?.toLowerCase().replace(/^(?:don[’']t|do not)\s+/, '');
      if (expectedCue && claim?.cue?.toLowerCase().includes(expectedCue.split(' ').at(-1)!)) cueRight++;
    } else if (got !== null) {
      invented++;
      misses.push({ sentence: label.contains, expected: null, got });
    }
    if (got !== null) {
      extractedClaimants++;
      if (right) extractedRight++;
    }
    if (
      (label.hedge ?? null) === null
        ? claim?.hedge == null || !label.attributed
        : contains(claim?.hedge ?? null, label.hedge!.split(' ').at(-1)!)
    )
      hedgeRight++;
    for (const subject of label.subjects) {
      subjects++;
      const entityId = options.subjects === 'name' ? (resolveEntity(kbFor(label), subject)?.id ?? null) : subject;
      if (claim?.subjects.some((found) => found.entityId === entityId)) subjectsFound++;
    }
  }
  return {
    sentences: labels.length,
    attributed,
    claimantRecall: claimantRight / Math.max(1, attributed),
    claimantPrecision: extractedRight / Math.max(1, extractedClaimants),
    claimantExact: options.claimantSpans ? exact / Math.max(1, attributed) : Number.NaN,
    inventedClaimants: invented,
    subjectRecall: subjects === 0 ? Number.NaN : subjectsFound / subjects,
    cueAccuracy: cueRight / Math.max(1, labels.filter((label) => label.attributed && label.cue).length),
    hedgeAccuracy: hedgeRight / Math.max(1, labels.length),
    misses,
  };
}
