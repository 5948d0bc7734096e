import { createHash } from 'node:crypto';
import { cleanReport } from './clean.ts';
import type { KnowledgeProblem } from './errors.ts';
import type { CatalogEntry } from './schemas.ts';
import { segmentSentences } from './segment.ts';
import type { Passage, Source } from './types.ts';

/** Report files → sources and their passages, with the catalog's metadata over what the file itself says. */

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Decodes a report as strict UTF-8 and rejects what is clearly not text. */
export function decodeReport(bytes: Buffer): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'the file is empty' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { reason: 'not UTF-8 text (is it a binary file, or saved in another encoding?)' };
  }
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.001) return { reason: 'contains binary data, not plain text' };
  return { text };
}

export interface IngestedSource {
  source: Source;
  passages: Passage[];
}

export function ingestSource(
  file: string,
  bytes: Buffer,
  catalogEntry: CatalogEntry | undefined,
  problems: KnowledgeProblem[],
  /** The bytes' SHA-256, when the caller has already computed it. */
  hash = sha256(bytes),
): IngestedSource | null {
  const where = `sources/${file}`;
  const decoded = decodeReport(bytes);
  if ('reason' in decoded) {
    problems.push({ file: where, reason: decoded.reason });
    return null;
  }
  const { text } = decoded;
  const cleaned = cleanReport(text);
  if (cleaned.blocks.length === 0) {
    problems.push({ file: where, reason: 'no article text is left after removing the title and page furniture' });
    return null;
  }
  const source: Source = {
    id: file,
    title: catalogEntry?.title ?? cleaned.title,
    outlet: catalogEntry?.outlet !== undefined ? catalogEntry.outlet : cleaned.outlet,
    url: catalogEntry?.url ?? null,
    published: catalogEntry?.published ?? null,
    notes: catalogEntry?.notes ?? null,
    text,
    sha256: hash,
  };
  const usedIds = new Set<string>();
  const passages = cleaned.blocks.map((block, index): Passage => {
    const passageText = text.slice(block.start, block.end);
    let id = sha256(`${file}\u0000${passageText}`).slice(0, 16);
    for (let occurrence = 2; usedIds.has(id); occurrence++) id = sha256(`${file}\u0000${passageText}\u0000${occurrence}`).slice(0, 16);
    usedIds.add(id);
    return {
      id,
      sourceId: file,
      paragraph: index + 1,
      kind: block.kind,
      heading: block.heading,
      start: block.start,
      end: block.end,
      text: passageText,
      sentences: segmentSentences(text, block.start, block.end),
      entityIds: [],
    };
  });
  return { source, passages };
}
