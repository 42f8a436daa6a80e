import type { WriteOutcome } from '../connector.js';
import { createLogger } from '../../core/logging/logger.js';
import { batchRejection, MISSING_PROPERTY, type PropertyProblem } from './batch-rejection.js';

const log = createLogger('connector.hubspot');

/** One input of a batch update. */
export interface UpdateInput {
  id: string;
  properties: Record<string, string>;
}

/** Sends one batch update call; throws when HubSpot refused the call as a whole. */
export type SendBatch = (batch: UpdateInput[]) => Promise<WriteOutcome[]>;

// Long values are cut in messages: the outbox and the logs need the value's start, not all of it.
const SHOWN_VALUE_CHARS = 80;

/**
 * Sends a batch; when HubSpot rejects it whole for bad property values, finds the records
 * that carry them so every other record is still written. Only the inputs carrying a named
 * property are suspects; they are halved until each bad record stands alone, so k bad records
 * cost O(k log n) extra calls. A lone suspect, or suspects whose every named value HubSpot
 * listed as bad, fail without another call.
 */
export async function sendOrNarrow(send: SendBatch, batch: UpdateInput[]): Promise<WriteOutcome[]> {
  const counted = { calls: 0 };
  const countingSend: SendBatch = (inputs) => {
    counted.calls += 1;
    return send(inputs);
  };

  const outcomes = await attempt(countingSend, batch);
  if (counted.calls > 1) {
    const rejected = outcomes.filter((outcome) => !outcome.ok).length;
    log.warn(
      { records: batch.length, rejected, calls: counted.calls },
      'HubSpot rejected a batch for bad values; narrowed it down to the records carrying them',
    );
  }
  return outcomes;
}

async function attempt(send: SendBatch, batch: UpdateInput[]): Promise<WriteOutcome[]> {
  try {
    return await send(batch);
  } catch (error) {
    const rejection = batchRejection(error);
    if (rejection === null || rejection.problems.length === 0) throw error;
    return narrow(send, batch, rejection.problems, rejection.error);
  }
}

async function narrow(
  send: SendBatch,
  batch: UpdateInput[],
  problems: readonly PropertyProblem[],
  error: Error,
): Promise<WriteOutcome[]> {
  const named = new Set(problems.map((problem) => problem.name));
  const carries = (input: UpdateInput): boolean =>
    Object.keys(input.properties).some((name) => named.has(name));
  const suspects = batch.filter(carries);
  // A rejection naming no property of this batch is not about its values: the call failed.
  if (suspects.length === 0) throw error;

  const innocents = batch.filter((input) => !carries(input));
  const outcomes = innocents.length > 0 ? await attempt(send, innocents) : [];

  // One carrier has every named value; no value of a missing field can be written; and
  // HubSpot lists one problem per bad value, so as many problems as suspect values: all bad.
  const missingOnly = problems.every((problem) => problem.error === MISSING_PROPERTY);
  const suspectValues = suspects.reduce(
    (count, input) =>
      count + Object.keys(input.properties).filter((name) => named.has(name)).length,
    0,
  );
  if (suspects.length === 1 || missingOnly || problems.length === suspectValues) {
    outcomes.push(...suspects.map((input) => rejected(input, problems)));
    return outcomes;
  }

  const middle = Math.ceil(suspects.length / 2);
  for (const half of [suspects.slice(0, middle), suspects.slice(middle)]) {
    outcomes.push(...(await attempt(send, half)));
  }
  return outcomes;
}

/** The failed outcome of one record, naming each of its fields HubSpot refused and why. */
function rejected(input: UpdateInput, problems: readonly PropertyProblem[]): WriteOutcome {
  const own = ownProblems(input, problems);
  const described = own.map((problem) => {
    const value = JSON.stringify(shorten(input.properties[problem.name] ?? ''));
    return `${problem.name} = ${value}: ${problem.message} (${problem.error})`;
  });
  // A missing field comes back when crm-ml provisions its fields again: keep the value queued.
  const missing = own.every((problem) => problem.error === MISSING_PROPERTY);
  return {
    recordId: input.id,
    ok: false,
    code: missing ? 'hubspot_property_missing' : 'hubspot_validation_failed',
    message: `HubSpot refused the values of record ${input.id}: ${described.join('; ')}`,
    retryable: missing,
  };
}

/**
 * One problem per refused field of this record. HubSpot lists one problem per bad value of
 * the whole batch without saying whose, so a field's problem is the one quoting this record's
 * value, else the first of that field (the messages of one field differ only by the value).
 */
function ownProblems(input: UpdateInput, problems: readonly PropertyProblem[]): PropertyProblem[] {
  const own: PropertyProblem[] = [];
  for (const [name, value] of Object.entries(input.properties)) {
    const ofField = problems.filter((problem) => problem.name === name);
    const quoting = value === '' ? undefined : ofField.find((p) => p.message.includes(value));
    const chosen = quoting ?? ofField[0];
    if (chosen !== undefined) own.push(chosen);
  }
  return own;
}

function shorten(value: string): string {
  return value.length > SHOWN_VALUE_CHARS ? `${value.slice(0, SHOWN_VALUE_CHARS)}…` : value;
}
