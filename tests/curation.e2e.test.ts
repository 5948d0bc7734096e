import { ApplicationCommandOptionType as Option, MessageFlags } from 'discord.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADD_QA_MODAL_ID } from '../src/curation/qa-modal.ts';
import type { FakeDiscord } from './fake-discord/index.ts';
import { embedText, startBotHarness, type BotHarness } from './helpers/bot-harness.ts';
import { startFileServer, type FileServer } from './helpers/file-server.ts';
import { REPORT_003, snapshotFolder } from './helpers/knowledge.ts';

/**
 * Moderators curating from Discord, end to end: uploads served over HTTP on 127.0.0.1 as Discord's CDN would,
 * forms, confirmation buttons, votes and gaps, against the real bot and the fake Discord server.
 */

let harness: BotHarness;
let fake: FakeDiscord;
let files: FileServer;

beforeAll(async () => {
  files = await startFileServer();
  harness = await startBotHarness({ fetchAllowHosts: [new URL(files.url('x')).host] });
  fake = harness.fake;
});

afterAll(async () => {
  await files?.stop();
  await harness?.stop();
});

const moderator = () => ({ userId: harness.freshUser(), roles: [fake.moderatorRoleId] });
const member = () => ({ userId: harness.freshUser() });
const kb = (subcommand: string, options: unknown[] = [], as: { userId: string; roles?: string[] } = moderator()) =>
  fake.sendCommand('kb', [{ name: subcommand, type: Option.Subcommand, options }], as);
const ask = (question: string) => fake.sendCommand('ask', [{ name: 'question', type: Option.String, value: question }], member());

const snapshot = () => snapshotFolder(harness.knowledge.dir);

function upload(name: string, body: Buffer | string, claimedSize?: number): string {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const url = files.put(`${harness.freshUser()}-${path.basename(name)}`, bytes);
  return fake.addAttachment({ filename: name, url, size: claimedSize ?? bytes.length });
}

async function addSource(name: string, body: Buffer | string, extra: unknown[] = [], as = moderator(), claimedSize?: number) {
  const handle = kb('add-source', [{ name: 'file', type: Option.Attachment, value: upload(name, body, claimedSize) }, ...extra], as);
  return handle.finalMessage(15_000);
}

const HARBOUR =
  'Port strike ends | Harbour Times\n\nDock workers returned to the harbour on Monday after a deal on pay, the union said.\n\nThe strike had lasted nine days, according to port officials.\n';

describe('/kb add-source', () => {
  it('stores an uploaded report under a generated name, writes its catalog entry, and answers from it at once', async () => {
    const final = await addSource('harbour news.txt', HARBOUR, [
      { name: 'url', type: Option.String, value: 'https://example.org/harbour' },
    ]);
    expect(final.embeds[0].title).toBe('Report added: Port strike ends');
    expect(embedText(final)).toContain('"Paragraphs","value":"2"');
    const stored = readdirSync(path.join(harness.knowledge.dir, 'sources')).find((name) => name.startsWith('port-strike-ends-'));
    expect(stored).toMatch(/^port-strike-ends-[0-9a-f]{8}\.txt$/);
    expect(readFileSync(path.join(harness.knowledge.dir, 'sources', stored!), 'utf8')).toBe(HARBOUR);
    const catalog = JSON.parse(readFileSync(path.join(harness.knowledge.dir, 'catalog.json'), 'utf8'));
    expect(catalog[stored!]).toEqual({ url: 'https://example.org/harbour' });
    const answer = await ask('when did the dock workers return to the harbour?').callback();
    expect(embedText(answer.data)).toContain('Port strike ends — Harbour Times, paragraph 1');
  });

  it.each([
    ['a path-traversal name', '../../etc/passwd.txt', HARBOUR.replace('nine', 'ten'), /not a plain file name/],
    ['another type of file', 'report.pdf', HARBOUR.replace('nine', 'eleven'), /Only \.txt and \.md reports/],
    ['binary content', 'photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a, 0x1a, 0xff, 0xfe]), /not UTF-8 text|binary/],
    ['a file empty after cleaning', 'empty.md', 'Just a title\n\nLeave a Reply\n', /no article text/],
    [
      'a report already loaded',
      'again.txt',
      readFileSync(path.join(import.meta.dirname, '..', 'knowledge', 'sources', REPORT_003)),
      /already in the knowledge base/,
    ],
  ])('refuses %s and writes nothing', async (_case, name, body, reason) => {
    const before = snapshot();
    const final = await addSource(name, body);
    expect(final.embeds[0].title).toBe('add-source: nothing was changed');
    expect(final.embeds[0].description).toMatch(reason);
    expect(snapshot()).toEqual(before);
    expect(existsSync(path.join(harness.knowledge.dir, '..', '..', 'etc', 'passwd.txt'))).toBe(false);
  });

  it('refuses a 2 MB file, whether its size is declared or hidden', async () => {
    const before = snapshot();
    const big = `Big report\n\n${'Workers said the strike went on. '.repeat(70_000)}\n`;
    const declared = await addSource('big.txt', big);
    expect(declared.embeds[0].description).toMatch(/at most 1048576 bytes/);
    const hidden = await addSource('big2.txt', big, [], moderator(), 1000);
    expect(hidden.embeds[0].description).toMatch(/over 1048576 bytes|at most 1048576 bytes/);
    expect(snapshot()).toEqual(before);
  });
});

describe('/kb add-source by link or saved page', () => {
  const savedPage = () => readFileSync(path.join(import.meta.dirname, 'fixtures', 'pages', 'nbc-omar-threat-plea.html'));

  it('fetches the article at a link, stores its text with the metadata the page states, and answers from it', async () => {
    const link = files.put('omar-threat.html', savedPage());
    const final = await kb('add-source', [{ name: 'url', type: Option.String, value: link }]).finalMessage(30_000);
    expect(final.embeds[0].title).toMatch(/^Report added: /);
    const stored = readdirSync(path.join(harness.knowledge.dir, 'sources')).find((name) =>
      readFileSync(path.join(harness.knowledge.dir, 'sources', name), 'utf8').includes('Omar'),
    );
    expect(stored).toMatch(/\.txt$/);
    const catalog = JSON.parse(readFileSync(path.join(harness.knowledge.dir, 'catalog.json'), 'utf8'));
    expect(catalog[stored!]).toMatchObject({ outlet: 'NBC News' });
    expect(readFileSync(path.join(harness.knowledge.dir, 'sources', stored!), 'utf8')).not.toContain('<');

    // No entities.json entry names anyone in it, yet /claims knows its people from the text.
    const choices = await fake
      .sendAutocomplete('claims', [{ name: 'subject', type: Option.String, value: 'zoghl', focused: true }])
      .callback();
    expect(choices.data.choices[0].name).toMatch(/^Sonya Zoghlin\b/);
    const claims = await fake
      .sendCommand('claims', [{ name: 'subject', type: Option.String, value: choices.data.choices[0].value }], member())
      .callback();
    expect(claims.data.embeds[0].title).toBe('What the reports claim about Sonya Zoghlin');
    expect(embedText(claims.data)).toContain('Carlineo never intended to harm Omar');
  });

  it('refuses the same article as a saved page, and a link it may not fetch, writing nothing', async () => {
    const before = snapshot();
    const again = await addSource('saved omar page.html', Buffer.concat([Buffer.from('<!-- saved -->\n'), savedPage()]));
    expect(again.embeds[0].description).toMatch(/already in the knowledge base/);
    const metadata = await kb('add-source', [
      { name: 'url', type: Option.String, value: 'http://169.254.169.254/latest/meta-data/' },
    ]).finalMessage(15_000);
    expect(metadata.embeds[0].description).toMatch(/169\.254\.169\.254 is not a public address/);
    expect(snapshot()).toEqual(before);
  });
});

describe('/kb add-qa and /kb remove-qa', () => {
  it('opens the form, accepts a verbatim quote, and answers with the new Q&A at once', async () => {
    const opened = await kb('add-qa').callback();
    expect(opened.type).toBe(9);
    expect(opened.data.custom_id).toBe(ADD_QA_MODAL_ID);
    const submit = fake.sendModalSubmit(
      ADD_QA_MODAL_ID,
      {
        question: 'What did the union say about the dock workers?',
        alternatives: 'when did dock workers go back\nunion statement on the strike',
        answer: 'According to the union, dock workers returned to the harbour on Monday after a deal on pay.',
        source: readdirSync(path.join(harness.knowledge.dir, 'sources')).find((name) => name.startsWith('port-strike-ends-'))!,
        quote: 'Dock workers returned to the harbour on Monday after a deal on pay, the union said.',
      },
      moderator(),
    );
    const final = await submit.finalMessage(15_000);
    expect(final.embeds[0].title).toBe('Q&A added');
    const answer = await ask('union statement on the strike').callback();
    expect(answer.data.embeds[0].description).toBe(
      'According to the union, dock workers returned to the harbour on Monday after a deal on pay.',
    );
  });

  it('refuses a quote that is not in the report, and leaves qa.json as it was', async () => {
    const before = snapshot();
    const final = await fake
      .sendModalSubmit(
        ADD_QA_MODAL_ID,
        { question: 'Was Putin at the harbour?', alternatives: '', answer: 'Yes.', source: REPORT_003, quote: 'Putin visited the harbour' },
        moderator(),
      )
      .finalMessage(15_000);
    expect(final.embeds[0].title).toBe('add-qa: nothing was changed');
    expect(final.embeds[0].description).toContain('does not occur verbatim');
    expect(snapshot()).toEqual(before);
  });

  it('removes a Q&A only after its moderator confirms', async () => {
    const as = moderator();
    const choices = await fake
      .sendAutocomplete(
        'kb',
        [{ name: 'remove-qa', type: Option.Subcommand, options: [{ name: 'qa', type: Option.String, value: 'union', focused: true }] }],
        as,
      )
      .callback();
    const id = choices.data.choices[0].value as string;
    expect(id).toBe('what-did-the-union-say-about-the-dock-workers');
    const prompt = await kb('remove-qa', [{ name: 'qa', type: Option.String, value: id }], as).callback();
    expect(prompt.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const [confirm] = prompt.data.components[0].components;
    const message = { id: '1111111111111111113', content: prompt.data.content, components: prompt.data.components };

    const other = await fake.sendButton(confirm.custom_id, message, moderator()).callback();
    expect(other.data.content).toBe('Only the moderator who asked can confirm this.');
    expect(readFileSync(path.join(harness.knowledge.dir, 'qa.json'), 'utf8')).toContain(id);

    const pressed = fake.sendButton(confirm.custom_id, message, as);
    expect((await pressed.callback()).type).toBe(6);
    const done = await pressed.finalMessage(15_000);
    expect(done.embeds[0].title).toBe('Q&A removed');
    expect(readFileSync(path.join(harness.knowledge.dir, 'qa.json'), 'utf8')).not.toContain(id);
  });
});

describe('/kb remove-source', () => {
  it('removes a report (and its Q&A) after confirmation; the bot stops answering from it', async () => {
    const as = moderator();
    const file = readdirSync(path.join(harness.knowledge.dir, 'sources')).find((name) => name.startsWith('port-strike-ends-'))!;
    const prompt = await kb('remove-source', [{ name: 'source', type: Option.String, value: file }], as).callback();
    expect(prompt.data.content).toContain(file);
    const [confirm] = prompt.data.components[0].components;
    const done = await fake
      .sendButton(confirm.custom_id, { id: '1111111111111111114', components: prompt.data.components }, as)
      .finalMessage(15_000);
    expect(done.embeds[0].title).toBe('Report removed');
    expect(existsSync(path.join(harness.knowledge.dir, 'sources', file))).toBe(false);
    const answer = await ask('when did the dock workers return to the harbour?').callback();
    expect(answer.data.embeds[0].title).toBe('Not covered by the reports');
  });
});

describe('votes and gaps', () => {
  it('takes one changeable vote per person under an answer, acknowledged privately', async () => {
    const answer = await ask('who is john sipher').callback();
    const [up, down] = answer.data.components[0].components;
    const message = { id: '1111111111111111115', embeds: answer.data.embeds, components: answer.data.components };
    const voter = member();
    const first = await fake.sendButton(down.custom_id, message, voter).callback();
    expect(first.data.content).toMatch(/^Thanks, recorded as not helpful/);
    expect(first.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const second = await fake.sendButton(up.custom_id, message, voter).callback();
    expect(second.data.content).toMatch(/^Changed your vote to helpful/);
  });

  it('lists unanswered and voted-down questions, near-duplicates together, with a button to write the Q&A', async () => {
    await ask('What is the capital of Australia?').callback();
    await ask('what is the capital of australia').callback();
    await ask('whats the capital of Australia??').callback();
    const downvoted = await ask('what did mcfaul say?').callback();
    const [, down] = downvoted.data.components[0].components;
    await fake.sendButton(down.custom_id, { id: '1111111111111111116', components: downvoted.data.components }, member()).callback();

    const gaps = await kb('gaps', [{ name: 'days', type: Option.Integer, value: 7 }]).callback();
    const description: string = gaps.data.embeds[0].description;
    expect(description).toMatch(/^\*\*1\.\*\* [^\n]*capital of australia[^\n]* — ×3 \(3 unanswered\)$/im);
    expect(description).toContain('1 voted down');
    const write = gaps.data.components[0].components[0];
    const opened = await fake
      .sendButton(write.custom_id, { id: '1111111111111111117', components: gaps.data.components }, moderator())
      .callback();
    expect(opened.type).toBe(9);
    expect(JSON.stringify(opened.data.components)).toMatch(/capital of Australia/i);
  });
});

describe('moderator-only, whatever a member sends', () => {
  it.each([
    ['refresh', []],
    ['status', []],
    ['add-source', [{ name: 'file', type: Option.Attachment, value: '1' }]],
    ['add-qa', []],
    ['remove-source', [{ name: 'source', type: Option.String, value: REPORT_003 }]],
    ['remove-qa', [{ name: 'qa', type: Option.String, value: 'who-is-michael-mcfaul' }]],
    ['gaps', []],
    ['audit', []],
  ])('refuses /kb %s from a member', async (subcommand, options) => {
    const before = snapshot();
    const callback = await kb(subcommand, options, member()).callback();
    expect(callback.data.content).toBe('Only moderators can manage the knowledge base.');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a forged form, gap button and confirmation from a member', async () => {
    const before = snapshot();
    const form = await fake
      .sendModalSubmit(ADD_QA_MODAL_ID, { question: 'q', alternatives: '', answer: 'a', source: REPORT_003, quote: 'Putin' }, member())
      .callback();
    expect(form.data.content).toBe('Only moderators can manage the knowledge base.');
    const gap = await fake.sendButton('dossier-gap:whatever', { id: '1111111111111111118' }, member()).callback();
    expect(gap.data.content).toBe('Only moderators can manage the knowledge base.');
    const confirm = await fake.sendButton('dossier-confirm:123:yes', { id: '1111111111111111119' }, member()).callback();
    expect(confirm.data.content).toBe('Only moderators can manage the knowledge base.');
    expect(snapshot()).toEqual(before);
  });
});

describe('/kb audit', () => {
  it('shows who did what, and how it ended', async () => {
    const callback = await kb('audit', [{ name: 'limit', type: Option.Integer, value: 50 }]).callback();
    const text: string = callback.data.embeds[0].description;
    expect(text).toMatch(/add-source harbour news\.txt → Report added: Port strike ends/);
    expect(text).toMatch(/add-source \.\.\/\.\.\/etc\/passwd\.txt → refused: /);
    expect(text).toMatch(/remove-qa what-did-the-union-say-about-the-dock-workers → Q&A removed/);
  });
});
