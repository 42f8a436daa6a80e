import { RETAIL_SEED_PATH, SENTENCE_SEED_PATHS } from '../demo/demo-data.js';
import { CrmMlError, type ErrorDetail } from '../errors/crm-ml-error.js';
import { ensureDirectory } from '../store/ensure-directory.js';
import { readCsv } from '../csv/index.js';
import type { ProgressFn } from '../../plugins/plugin.js';
import { fitCustomerModel, type SynthWarning } from './fit-customer-model.js';
import { readNoteTexts } from './note-model.js';
import { customerKeyColumn } from './sample-customers.js';
import { learnOrderModel } from './order-model.js';
import { writeSynthetic, type WrittenSynthetic } from './write-synthetic.js';
import { DEFAULT_BUYER_SHARE, DEFAULT_NOTE_SHARE } from './synthesis-defaults.js';

/** Options of `synthesize`. */
export interface SynthesizeOptions {
  /** The customer CSV to learn from. */
  from: string;
  customers: number;
  outDir: string;
  seed: number;
  /** Order lines for this share of customers, learned from `ordersFrom`; 0 writes none. */
  buyerShare: number;
  /** Notes on this share of customers, sampled from `notesFrom`; 0 writes none. */
  noteShare: number;
  /** Online Retail-style order lines to learn orders from; the shipped demo slice by default. */
  ordersFrom?: string;
  /** Sentence files to take note texts from; the shipped UCI sentences by default. */
  notesFrom?: readonly string[];
  asOf: Date;
  progress?: ProgressFn;
}

/** What `synthesize` wrote, with what it skipped or warned about on the way. */
export interface SynthesizeResult extends WrittenSynthetic {
  /** The customers' key column, which orders (CustomerID) and notes (customer_id) refer to. */
  key_column: string;
  learned_rows: number;
  skipped_rows: ErrorDetail[];
  warnings: SynthWarning[];
  seconds: number;
}

export { DEFAULT_BUYER_SHARE, DEFAULT_NOTE_SHARE };
export const NOTE_DAYS = 120;

/**
 * Learns a customer model from `options.from` and writes `options.customers` synthetic
 * customers (with orders and notes when their shares are above 0) into `options.outDir`.
 * Throws `synth_count_invalid` for a count that is not a whole number of at least 1,
 * `synth_share_invalid` for a share outside 0…1, `synth_out_unwritable`, and the CSV
 * reader's codes (`csv_not_found`, `csv_empty`, …) for the source.
 */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesizeResult> {
  const started = Date.now();
  assertCount(options.customers);
  assertShare('buyerShare', options.buyerShare);
  assertShare('noteShare', options.noteShare);

  const table = await readCsv(options.from);
  const model = fitCustomerModel(table.columns, table.rows, { seed: options.seed });
  const orders =
    options.buyerShare > 0
      ? {
          model: await learnOrderModel(options.ordersFrom ?? RETAIL_SEED_PATH),
          buyerShare: options.buyerShare,
        }
      : undefined;
  const notes =
    options.noteShare > 0
      ? {
          texts: await readNoteTexts(options.notesFrom ?? SENTENCE_SEED_PATHS),
          share: options.noteShare,
          days: NOTE_DAYS,
        }
      : undefined;

  // One level at a time: a recursive mkdir never returns under /proc.
  ensureDirectory(options.outDir, (dir, reason, cause) => {
    const details = [{ path: '--out', message: reason }];
    const message = `Cannot write the synthetic files to ${dir}: ${reason}`;
    return new CrmMlError('synth_out_unwritable', message, { cause, details });
  });
  const written = await writeSynthetic(model, options.customers, options.outDir, {
    seed: options.seed,
    asOf: options.asOf,
    ...(orders ? { orders } : {}),
    ...(notes ? { notes } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return {
    ...written,
    key_column: customerKeyColumn(model),
    learned_rows: table.rows.length,
    skipped_rows: table.problems,
    warnings: [...model.warnings],
    seconds: (Date.now() - started) / 1000,
  };
}

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new CrmMlError(
      'synth_count_invalid',
      `The number of customers must be a whole number of at least 1, got ${count}`,
      { details: [{ path: 'customers', message: String(count) }] },
    );
  }
}

function assertShare(name: string, share: number): void {
  if (!(share >= 0 && share <= 1)) {
    throw new CrmMlError('synth_share_invalid', `${name} must be between 0 and 1, got ${share}`, {
      details: [{ path: name, message: String(share) }],
    });
  }
}
