/** One thing wrong with the knowledge folder, named so a moderator can find and fix it. */
export interface KnowledgeProblem {
  file: string;
  /** The entry within the file (a Q&A id, an entity id, a catalog key), when the problem is in one entry. */
  entry?: string;
  reason: string;
}

export function describeProblem(problem: KnowledgeProblem): string {
  return problem.entry ? `${problem.file}, entry "${problem.entry}": ${problem.reason}` : `${problem.file}: ${problem.reason}`;
}

/** The knowledge folder could not be built; nothing from this build may be served. */
export class KnowledgeBuildError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    const shown = problems.slice(0, 10).map((problem) => `  - ${describeProblem(problem)}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    super(`The knowledge base was not built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown.join('\n')}`);
    this.name = 'KnowledgeBuildError';
  }
}
