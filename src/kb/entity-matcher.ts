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
  /**
   * The aliases' first words, first two words and so on: a phrase is grown from a text word only while it still
   * starts some alias, so most words cost one look-up.
   */
  private readonly prefixes = new Set<string>();
  private readonly longestAlias: number;

  constructor(entities: readonly Entity[]) {
    let longest = 1;
    for (const entity of entities) {
      for (const name of entityNames(entity)) {
        const key = aliasKey(name);
        if (key.length === 0 || this.byAlias.has(key)) continue;
        this.byAlias.set(key, entity.id);
        const words = key.split(' ').slice(0, MAX_ALIAS_WORDS);
        for (let length = 1; length <= words.length; length++) this.prefixes.add(words.slice(0, length).join(' '));
        longest = Math.max(longest, words.length);
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
      let phrase = tokens[index]!.word;
      let found: { entityId: string; alias: string; length: number } | null = null;
      for (let length = 1; this.prefixes.has(phrase); length++) {
        const entityId = this.byAlias.get(phrase);
        const first = tokens[index]!;
        if (
          entityId !== undefined &&
          (length > 1 || !options.caseSensitiveSingleWords || /^\p{Lu}/u.test(text.slice(first.start, first.end)))
        ) {
          found = { entityId, alias: phrase, length };
        }
        if (length >= this.longestAlias || index + length >= tokens.length) break;
        phrase = `${phrase} ${tokens[index + length]!.word}`;
      }
      if (!found) {
        index++;
        continue;
      }
      mentions.push({
        entityId: found.entityId,
        alias: found.alias,
        start: tokens[index]!.start,
        end: tokens[index + found.length - 1]!.end,
        tokenStart: index,
        tokenEnd: index + found.length - 1,
      });
      index += found.length;
    }
    return mentions;
  }
}
