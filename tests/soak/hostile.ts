/**
 * Hostile input for the soak: text a public server throws at a bot. Deterministic (seeded), so a failure can be
 * replayed.
 */

export { mulberry32 as seededRandom } from '../../src/bench/corpus.ts';

const PIECES = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&223456789012345678>',
  '<#323456789012345678>',
  '[free nitro](https://evil.example/steal)',
  '**bold**',
  '__underline__',
  '~~strike~~',
  '||spoiler||',
  '> quote',
  '# heading',
  '```js\nprocess.exit(1)\n```',
  '`inline`',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  '%2e%2e%2f%2e%2e%2f',
  '\u0000',
  '\u200b\u200c\u200d\u2060',
  '\u202e\u2066reversed\u2069',
  '\ufeff',
  'Ｕｎｉｃｏｄｅ',
  'Z̷̢̛̛a̸l̶g̵o̴',
  '𝕌𝕟𝕚𝕔𝕠𝕕𝕖',
  '😀👍🏽👨‍👩‍👧‍👦🏳️‍🌈',
  '\ud83d',
  'Путин',
  '習近平',
  'بوتين',
  'פוטין',
  '<script>alert(1)</script>',
  "'; DROP TABLE votes; --",
  '${process.env.DISCORD_TOKEN}',
  'Was Putin personally involved?',
  'who is john sipher',
  'what did mcfaul say',
  'puttin hack',
  '\n\n\n',
  '\t',
  ' ',
];

/** A code point from anywhere in Unicode (every plane), surrogates and non-characters included. */
function anyCodePoint(random: () => number): string {
  const plane = Math.floor(random() * 17);
  const point = plane * 0x10000 + Math.floor(random() * 0x10000);
  if (point >= 0xd800 && point <= 0xdfff) return String.fromCharCode(point);
  return String.fromCodePoint(point);
}

export function hostileText(random: () => number, maxLength = 6000): string {
  const target = random() < 0.15 ? maxLength : Math.floor(random() ** 2 * maxLength);
  let text = '';
  while (text.length < target) {
    text += random() < 0.6 ? PIECES[Math.floor(random() * PIECES.length)]! : anyCodePoint(random);
    if (random() < 0.3) text += ' ';
  }
  return text.slice(0, Math.max(0, target));
}

/** Option payloads Discord itself would never send: wrong types, missing or unknown options, oversized values. */
export function malformedOptions(random: () => number): Array<{ name: string; type: number; value?: unknown; options?: unknown[] }> {
  const cases: Array<Array<{ name: string; type: number; value?: unknown; options?: unknown[] }>> = [
    [],
    [{ name: 'question', type: 3, value: 12345 }],
    [{ name: 'question', type: 3, value: null }],
    [{ name: 'question', type: 3, value: { nested: ['object'] } }],
    [{ name: 'question', type: 3, value: hostileText(random, 6000) }],
    [{ name: 'unknown', type: 3, value: 'x' }],
    [{ name: 'question', type: 5, value: true }],
    [
      { name: 'private', type: 5, value: 'yes' },
      { name: 'question', type: 3, value: 'who is john sipher' },
    ],
    [{ name: 'question', type: 3, value: 'a'.repeat(6000) }],
  ];
  return cases[Math.floor(random() * cases.length)]!;
}
