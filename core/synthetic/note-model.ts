import { readFile } from 'node:fs/promises';
import { CrmMlError } from '../errors/crm-ml-error.js';
import type { SeededRandom } from '../ml/random.js';

/** The note columns written: which customer, the text, when. */
export const NOTE_COLUMNS = ['note_id', 'customer_id', 'body', 'timestamp'] as const;

/** One generated note. */
export type NoteRow = Record<(typeof NOTE_COLUMNS)[number], string>;

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_NOTES_PER_CUSTOMER = 4;

/**
 * Reads note texts from files of one sentence a line (`sentence<TAB>label`, as the shipped UCI
 * files are; the label is dropped). Throws `synth_notes_empty` when no sentence is found.
 */
export async function readNoteTexts(paths: readonly string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const path of paths) {
    const content = await readFile(path, 'utf8').catch((error: unknown) => {
      throw new CrmMlError('synth_notes_unreadable', `${path} cannot be read`, { cause: error });
    });
    for (const line of content.split('\n')) {
      const tab = line.lastIndexOf('\t');
      const text = (tab < 0 ? line : line.slice(0, tab)).trim();
      if (text !== '') texts.push(text);
    }
  }
  if (texts.length === 0) throw new CrmMlError('synth_notes_empty', 'No note text was found');
  return texts;
}

/**
 * One to four notes for a customer, each a shipped sentence (never a made-up one) dated at a
 * random time in the `days` days before `asOf`. Note ids are `note-<customer>-<n>`.
 */
export function sampleCustomerNotes(
  texts: readonly string[],
  customerKey: string,
  asOf: Date,
  days: number,
  random: SeededRandom,
): NoteRow[] {
  const count = 1 + random.nextInt(MAX_NOTES_PER_CUSTOMER);
  return Array.from({ length: count }, (_, n) => ({
    note_id: `note-${customerKey}-${n + 1}`,
    customer_id: customerKey,
    body: texts[random.nextInt(texts.length)] ?? '',
    timestamp: new Date(asOf.getTime() - Math.floor(random.next() * days * DAY_MS)).toISOString(),
  }));
}
