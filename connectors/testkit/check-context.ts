import type { TestContext } from 'node:test';
import type { ObjectType } from '../../core/records/crm-record.js';
import type { Connector } from '../connector.js';
import type { ConnectorHarness, FakeCrm, HarnessHook, SeedRecord } from './connector-harness.js';
import { KIT_FIELDS } from './kit-fields.js';

/** What a check body works with: the fake, its connector and the harness's facts. */
export interface CheckContext {
  harness: ConnectorHarness;
  crm: FakeCrm;
  connector: Connector;
  objectType: ObjectType;
  pageSize: number;
  incrementalPageSize: number;
  test: TestContext;
}

export interface CheckOptions {
  /** Hooks the check cannot run without; a missing one skips it with the harness's reason. */
  needs?: readonly HarnessHook[];
  /** False for the provisioning check, which provisions by itself. */
  provision?: boolean;
}

/** Why a missing hook skips a check: the harness's words, else a plain default. */
export function skipReason(harness: ConnectorHarness, hook: HarnessHook): string {
  return harness.unsupported?.[hook] ?? `the ${harness.name} harness offers no \`${hook}\` hook`;
}

/**
 * Runs one check against a fresh fake: provisions the kit's fields, runs the body, closes the
 * fake (also when the body fails). A missing hook marks the test skipped with its reason.
 */
export async function runCheck(
  test: TestContext,
  harness: ConnectorHarness,
  options: CheckOptions,
  body: (context: CheckContext) => Promise<void>,
  start: () => Promise<FakeCrm> = () => harness.start(),
): Promise<void> {
  const crm = await start();
  try {
    const missing = options.needs?.find((hook) => !hasHook(crm, hook));
    if (missing !== undefined) {
      test.skip(skipReason(harness, missing));
      return;
    }

    const { connector } = crm;
    if (options.provision ?? true) await connector.provisionFields(harness.objectType, KIT_FIELDS);
    const pageSize = harness.pageSize ?? connector.descriptor.readPageSize;
    await body({
      harness,
      crm,
      connector,
      objectType: harness.objectType,
      pageSize,
      incrementalPageSize: harness.incrementalPageSize ?? pageSize,
      test,
    });
  } finally {
    await crm.connector.close?.();
    await crm.close();
  }
}

function hasHook(crm: FakeCrm, hook: HarnessHook): boolean {
  if (hook === 'absentId') return crm.absentId !== undefined;
  if (hook === 'invalidNumber') return crm.invalidNumber !== undefined;
  if (hook === 'startWithFaults') return true;
  return typeof crm[hook] === 'function';
}

/** A hook the check declared in `needs` (runCheck made sure the fake has it). */
export function required<T>(hookFunction: T | undefined, name: HarnessHook): T {
  if (hookFunction === undefined) throw new Error(`the fake has no ${name} hook`);
  return hookFunction;
}

/** Seeds records that share one past timestamp when the fake can, else at the CRM's clock. */
export function seedInThePast(crm: FakeCrm, records: readonly SeedRecord[]): Promise<string[]> {
  // An hour back puts the records well before any "sync started at" bound a connector keeps.
  const past = new Date(Date.now() - 3_600_000);
  return crm.seedSharingTimestamp?.(records, past) ?? crm.seed(records);
}
