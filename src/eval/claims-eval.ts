import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Claim } from '../kb/claims.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';

/**
 * The claims eval: every sentence of the bundled reports, labelled by hand with whether it is attributed, who
 * claims it (a key that must appear in the claimant), the cue, the hedge and the entities it is about.
 */

const LabelSchema = z.object({
  source: z.string(),
  contains: z.string().min(1),
  attributed: z.boolean(),
  claimant: z.string().nullable(),
  claimantEntity: z.string().nullable(),
  cue: z.string().nullable(),
  hedge: z.string().nullable(),
  subjects: z.array(z.string()),
  coreferenceSubjects: z.array(z.string()),
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

export function runClaimsEval(kb: KnowledgeBase, labels: ClaimLabel[]): ClaimsEvalReport {
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
    const claim = claimFor(kb, label);
    const got = claim?.claimant ?? null;
    const right = label.attributed && (label.claimant === null ? got === null && claim?.cue != null : contains(got, label.claimant));
    if (label.attributed) {
      attributed++;
      if (right) claimantRight++;
      else misses.push({ sentence: label.contains, expected: label.claimant ?? '(impersonal)', got });
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
      if (claim?.subjects.some((found) => found.entityId === subject)) subjectsFound++;
    }
  }
  return {
    sentences: labels.length,
    attributed,
    claimantRecall: claimantRight / Math.max(1, attributed),
    claimantPrecision: extractedRight / Math.max(1, extractedClaimants),
    inventedClaimants: invented,
    subjectRecall: subjectsFound / Math.max(1, subjects),
    cueAccuracy: cueRight / Math.max(1, labels.filter((label) => label.attributed && label.cue).length),
    hedgeAccuracy: hedgeRight / Math.max(1, labels.length),
    misses,
  };
}
