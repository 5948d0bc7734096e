import type { ValueKind } from '../kb/value-cues.ts';

/**
 * Question words that name a kind of value rather than a topic: "what times was she taken to hospital" asks for
 * clock times, "in what years" for years, "raise money" for a sum, "Sipher quote" for a quotation. A text that
 * states such a value ("at 4pm", "in 2004", "hundreds of pounds", a quotation) holds the word in part, though it
 * never uses it.
 */
const VALUE_WORDS: Record<string, ValueKind> = {
  year: 'time',
  years: 'time',
  date: 'time',
  time: 'time',
  times: 'time',
  month: 'time',
  months: 'time',
  decade: 'time',
  money: 'amount',
  amount: 'amount',
  sum: 'amount',
  cash: 'amount',
  price: 'amount',
  fee: 'amount',
  salary: 'amount',
  percentage: 'share',
  percent: 'share',
  proportion: 'share',
  fraction: 'share',
  city: 'place',
  country: 'place',
  town: 'place',
  venue: 'place',
  location: 'place',
  quote: 'quotation',
  quotes: 'quotation',
};

export function valueKindOf(word: string): ValueKind | null {
  return VALUE_WORDS[word] ?? null;
}
