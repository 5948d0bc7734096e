import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/answer/answer.ts';
import { renderAnswer } from '../src/render/answer.ts';
import { buildEmbed } from '../src/render/embed.ts';
import { renderRefresh } from '../src/render/knowledge-admin.ts';
import type { RefreshResult } from '../src/kb/store.ts';
import { escapeText, LIMITS, truncate } from '../src/render/limits.ts';

function embedLength(embed: ReturnType<typeof buildEmbed>): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

describe("Discord's limits", () => {
  it('cuts every part of an embed, and the whole, with an ellipsis', () => {
    const huge = 'x'.repeat(10_000);
    const embed = buildEmbed({
      title: huge,
      description: huge,
      footer: huge,
      fields: Array.from({ length: 40 }, () => ({ name: huge, value: huge })),
    });
    expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields!.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields!) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('never cuts an emoji or a combined character in half', () => {
    const cut = truncate('👍🏽'.repeat(100), 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut).toBe('👍🏽👍🏽…');
  });

  it('renders an answer with a 10,000-character quote within limits', () => {
    const answer: Answer = {
      question: 'q'.repeat(5000),
      answered: true,
      answer: 'a'.repeat(10_000),
      confidence: 0.9,
      citations: Array.from({ length: 5 }, () => ({
        sourceId: 's',
        title: 't'.repeat(500),
        outlet: 'o',
        url: null,
        paragraph: 1,
        quote: 'w'.repeat(10_000),
      })),
      suggestions: ['s'.repeat(3000)],
      via: 'passage',
      corrections: [],
    };
    const embed = renderAnswer(answer).embeds![0]!;
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
  });
});

describe('escaping', () => {
  it('makes mentions, markdown and masked links inert', () => {
    const text = escapeText('@everyone @here <@123> <@&456> **bold** [x](https://evil.example) `code`');
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
    expect(text).not.toContain('**bold**');
    expect(text).not.toMatch(/(^|[^\\])\[x\]\(/);
  });
});

describe('a refresh report', () => {
  const counts = { sources: 2, passages: 20, qa: 49, entities: 30, curatedEntities: 30, claims: 29, attributedClaims: 23 };
  const refresh = (changed: boolean): RefreshResult => ({
    ok: true,
    changed,
    tookMs: 42,
    warnings: [],
    change: {
      sourcesAdded: [],
      sourcesRemoved: [],
      passagesAdded: 0,
      passagesRemoved: 0,
      qaAdded: [],
      qaRemoved: [],
      before: counts,
      after: counts,
    },
  });

  it('says it rebuilt only when something changed', () => {
    expect(renderRefresh([{ shard: null, result: refresh(true) }]).embeds![0]!.footer!.text).toBe('Rebuilt and swapped in 42 ms');
    const unchanged = renderRefresh([{ shard: null, result: refresh(false) }]).embeds![0]!;
    expect(unchanged.title).toBe('Knowledge refreshed: nothing had changed');
    expect(unchanged.footer!.text).toBe('Checked in 42 ms');
  });
});
