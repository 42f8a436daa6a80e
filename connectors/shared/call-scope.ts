import { AsyncLocalStorage } from 'node:async_hooks';

// One counter per piece of work: concurrent batches of one connector each count their own.
const scope = new AsyncLocalStorage<{ calls: number }>();

/**
 * Notes one request sent to the CRM (each attempt, retries included) for the work running
 * under `countCrmCalls`; outside it, does nothing. Connectors call this where they send.
 */
export function noteCrmCall(): void {
  const counter = scope.getStore();
  if (counter !== undefined) counter.calls += 1;
}

/**
 * Runs `work` and counts the CRM requests it made through connectors that note theirs
 * (`noteCrmCall`), e.g. the extra calls a HubSpot batch refused whole costs to narrow down.
 */
export async function countCrmCalls<T>(
  work: () => Promise<T>,
): Promise<{ result: T; calls: number }> {
  const counter = { calls: 0 };
  const result = await scope.run(counter, work);
  return { result, calls: counter.calls };
}
