import { evaluateTickets, type TicketsEvaluation } from '../../../plugins/tickets/index.js';
import { readCsv } from '../../csv/index.js';
import { CrmMlError } from '../../errors/crm-ml-error.js';
import { parseDelimiter } from '../cli-options.js';
import { formatFigures, printError, printResult } from '../output.js';
import type { EvalTicketsFlags } from './eval-tickets-command.js';

function testShareOf(raw: string): number {
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0 && value < 1) return value;
  throw new CrmMlError('cli_invalid_option', `--test-share must be between 0 and 1, got '${raw}'`);
}

function modelOf(raw: string): 'trained' | 'shipped' {
  if (raw === 'trained' || raw === 'shipped') return raw;
  throw new CrmMlError('cli_invalid_option', `--model must be trained or shipped, got '${raw}'`);
}

function seedOf(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  throw new CrmMlError('cli_invalid_option', `--seed must be a whole number, got '${raw}'`);
}

function human(result: TicketsEvaluation): string {
  const lines = [formatFigures(result), 'per class (F1)'];
  for (const [name, figures] of Object.entries(result.per_class)) {
    lines.push(`  ${name.padEnd(22)} ${figures.f1.toFixed(3)} (${figures.support})`);
  }
  for (const [name, baseline] of Object.entries(result.baselines)) {
    lines.push(
      `baseline ${name}: accuracy ${baseline.accuracy.toFixed(4)}, macro_f1 ${baseline.macro_f1.toFixed(4)}`,
    );
  }
  return lines.join('\n');
}

/** What `eval tickets` does once commander has parsed its flags. */
export async function runEvalTickets(flags: EvalTicketsFlags): Promise<void> {
  try {
    const options = {
      text: flags.text,
      label: flags.label,
      testShare: testShareOf(flags.testShare),
      model: modelOf(flags.model),
      seed: seedOf(flags.seed),
    };
    const table = await readCsv(flags.csv, {
      requiredColumns: [flags.text, flags.label],
      ...(flags.delimiter === undefined ? {} : { delimiter: parseDelimiter(flags.delimiter) }),
    });
    for (const problem of table.problems) {
      process.stderr.write(`skipped ${problem.path}: ${problem.message}\n`);
    }
    const result = evaluateTickets(table.rows, options);
    for (const example of result.skipped.examples) {
      process.stderr.write(`skipped ${example.path}: ${example.message}\n`);
    }
    printResult(flags, { ...result, malformed_rows: table.problems.length }, () => human(result));
  } catch (error) {
    printError(flags, error);
  }
}
