import { tokenize, type Token } from './text.ts';
import type { Entity } from './types.ts';

/**
 * Finds entities named in a text through their names and aliases, as whole word sequences
 * ("Russia’s president", "Vladimir Putin", "the CIA"). Matching is exact on normalised words; fuzzy matching of
 * user questions lives in src/search, on top of this.
 */

export interface EntityMention {
  entityId: string;
  /** The normalised alias that matched. */
  alias: string;
  start: number;
  end: number;
  /** Token positions [first, last] in the tokenized text. */
  tokenStart: number;
  tokenEnd: number;
}

const LEADING_ARTICLE = /^(?:the|a|an)\s+/;
const MAX_ALIAS_WORDS = 6;

export function aliasKey(alias: string): string {
  return tokenize(alias)
    .map((token) => token.word)
    .join(' ')
    .replace(LEADING_ARTICLE, '');
}

export function entityNames(entity: Entity): string[] {
  return [entity.name, ...entity.aliases];
}

export class EntityMatcher {
  private readonly byAlias = new Map<string, string>();
  /** First words of the aliases: a text word that starts none is passed over without building any phrase. */
  private readonly firstWords = new Set<string>();
  private readonly longestAlias: number;

  constructor(entities: readonly Entity[]) {
    let longest = 1;
    for (const entity of entities) {
      for (const name of entityNames(entity)) {
        const key = aliasKey(name);
        if (key.length === 0 || this.byAlias.has(key)) continue;
        this.byAlias.set(key, entity.id);
        this.firstWords.add(key.split(' ', 1)[0]!);
        longest = Math.max(longest, Math.min(MAX_ALIAS_WORDS, key.split(' ').length));
      }
    }
    this.longestAlias = longest;
  }

  /** Every alias key with the entity it names; used to build fuzzy matchers. */
  aliases(): Array<{ alias: string; entityId: string }> {
    return [...this.byAlias].map(([alias, entityId]) => ({ alias, entityId }));
  }

  entityForAlias(key: string): string | undefined {
    return this.byAlias.get(key);
  }

  /**
   * Longest match first, left to right. In report text a one-word alias must be capitalised ("the Times" but not
   * "at times"); user questions are matched case-blind.
   */
  findMentions(text: string, options: { caseSensitiveSingleWords: boolean }, tokens: Token[] = tokenize(text)): EntityMention[] {
    const mentions: EntityMention[] = [];
    for (let index = 0; index < tokens.length;) {
      if (!this.firstWords.has(tokens[index]!.word)) {
        index++;
        continue;
      }
      let matched = false;
      for (let length = Math.min(this.longestAlias, tokens.length - index); length >= 1; length--) {
        const words = tokens.slice(index, index + length);
        const entityId = this.byAlias.get(words.map((token) => token.word).join(' '));
        if (entityId === undefined) continue;
        const first = words[0]!;
        const last = words.at(-1)!;
        if (length === 1 && options.caseSensitiveSingleWords && !/^\p{Lu}/u.test(text.slice(first.start, first.end))) {
          continue;
        }
        mentions.push({
          entityId,
          alias: words.map((token) => token.word).join(' '),
          start: first.start,
          end: last.end,
          tokenStart: index,
          tokenEnd: index + length - 1,
        });
        index += length;
        matched = true;
        break;
      }
      if (!matched) index++;
    }
    return mentions;
  }
}
