import { it, type TestContext } from 'node:test';
import type { CheckId, ConnectorHarness } from './connector-harness.js';

/**
 * Registers one check as a test named by its id, what it checks and the contract clause it
 * holds the connector to. A check the harness lists in `knownFailures` still runs, and is
 * reported as TODO with the reason instead of failing the suite.
 */
export function check(
  harness: ConnectorHarness,
  id: CheckId,
  behaviour: string,
  clause: string,
  body: (test: TestContext) => Promise<void>,
): void {
  const title = `${id}: ${behaviour} — contract: ${clause}`;
  const known = harness.knownFailures?.[id];
  if (known === undefined) it(title, body);
  else it(title, { todo: `known failure: ${known}` }, body);
}
