import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import Database from 'better-sqlite3';

import {
  startSalesforceSandbox,
  type SalesforceSandbox,
} from '../../../connectors/salesforce/sandbox/index.js';
import { defineField } from '../../../connectors/salesforce/sandbox/field-definition.js';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
} from '../../../connectors/hubspot/sandbox/index.js';
import { addSandboxProperty } from '../../helpers/hubspot-contacts-sandbox.js';
import { parseSingleJson, runCli } from '../../helpers/run-cli.js';

const TOKEN = 'configured-crm-token';
const CUSTOMERS = 60;

/** Customer `index`: short tenures churn, so a model learns something a change can move. */
function customer(index: number): { tenure: number; monthly: number; churn: string } {
  const tenure = (index * 7) % 70;
  return { tenure, monthly: 20 + ((index * 13) % 80), churn: tenure < 25 ? 'Yes' : 'No' };
}

interface Headline {
  synced: number;
  written: number;
  scored: number;
  fields_created: number;
}

/** One CRM sandbox as `crm-ml run` sees it through the environment. */
interface CrmUnderTest {
  name: 'hubspot' | 'salesforce';
  start(): Promise<{ env: Record<string, string>; ids: string[]; connectionId: string }>;
  /** Changes tenure and charges of these customers, so their churn scores move. */
  change(ids: readonly string[]): void;
  /** The churn score the CRM holds for a customer now. */
  scoreOf(id: string): unknown;
  /** When crm-ml last wrote the customer (its scored-at field). */
  writtenAt(id: string): unknown;
  /** Whether crm-ml's churn-score field exists on contacts. */
  hasScoreField(): boolean;
  close(): Promise<void>;
}

function hubspotUnderTest(): CrmUnderTest {
  let sandbox: HubSpotSandbox;
  return {
    name: 'hubspot',
    async start() {
      sandbox = await startHubSpotSandbox({ accessToken: TOKEN });
      addSandboxProperty(sandbox, 'contacts', 'tenure', 'number');
      addSandboxProperty(sandbox, 'contacts', 'monthly', 'number');
      addSandboxProperty(sandbox, 'contacts', 'churn', 'string');
      const ids = Array.from({ length: CUSTOMERS }, (_row, index) =>
        sandbox.data.create('contacts', { email: `c${index}@example.com`, ...customer(index) }),
      );
      return {
        env: { HUBSPOT_ACCESS_TOKEN: TOKEN, HUBSPOT_BASE_URL: sandbox.url },
        ids,
        connectionId: `hubspot-${sandbox.portalId}`,
      };
    },
    change(ids) {
      for (const id of ids) sandbox.data.update('contacts', id, { tenure: 1, monthly: 118 });
    },
    scoreOf: (id) => sandbox.data.get('contacts', id)?.properties['crm_ml_churn_score'],
    writtenAt: (id) => sandbox.data.get('contacts', id)?.properties['crm_ml_scored_at'],
    hasScoreField: () => sandbox.data.catalog.get('contacts', 'crm_ml_churn_score') !== undefined,
    close: () => sandbox.close(),
  };
}

function salesforceUnderTest(home: string): CrmUnderTest {
  let sandbox: SalesforceSandbox;
  return {
    name: 'salesforce',
    async start() {
      sandbox = await startSalesforceSandbox({ accessToken: TOKEN });
      const data = sandbox.data;
      data.addCustomField(
        'Contact',
        defineField('Tenure__c', 'double', 'Tenure', { precision: 18 }),
      );
      data.addCustomField(
        'Contact',
        defineField('Monthly__c', 'double', 'Monthly', { precision: 18 }),
      );
      data.addCustomField('Contact', defineField('Churn__c', 'string', 'Churn', { length: 10 }));
      const ids = Array.from({ length: CUSTOMERS }, (_row, index) =>
        data.create('Contact', {
          LastName: `c${index}`,
          Tenure__c: customer(index).tenure,
          Monthly__c: customer(index).monthly,
          Churn__c: customer(index).churn,
        }),
      );
      return {
        env: {
          SALESFORCE_INSTANCE_URL: sandbox.url,
          SALESFORCE_ACCESS_TOKEN: TOKEN,
          // @salesforce/core writes key and log files under HOME.
          HOME: home,
          SF_DISABLE_LOG_FILE: 'true',
        },
        ids,
        connectionId: `salesforce-${sandbox.orgId}`,
      };
    },
    change(ids) {
      for (const id of ids) sandbox.data.update(id, { Tenure__c: 1, Monthly__c: 118 });
    },
    scoreOf: (id) => sandbox.data.get(id)?.values['Crm_Ml_Churn_Score__c'],
    writtenAt: (id) => sandbox.data.get(id)?.values['Crm_Ml_Scored_At__c'],
    hasScoreField: () =>
      sandbox.data.schema('Contact')?.field('Crm_Ml_Churn_Score__c') !== undefined,
    close: () => sandbox.close(),
  };
}

for (const make of [hubspotUnderTest, salesforceUnderTest]) {
  describe(`crm-ml run and uninstall from configuration: ${make.name.replace('UnderTest', '')}`, () => {
    let home = '';
    let crm: CrmUnderTest;
    let env: Record<string, string> = {};
    let ids: string[] = [];
    let connectionId = '';

    before(async () => {
      home = await mkdtemp(join(tmpdir(), 'crm-ml-configured-'));
      crm = make(home);
      const started = await crm.start();
      ({ ids, connectionId } = started);
      env = {
        ...started.env,
        CRM_ML_HOME: home,
        CRM_ML_CHURN_TARGET: 'churn',
        CRM_ML_CHURN_POSITIVE: 'Yes',
        CRM_ML_ENABLED_PLUGINS: 'churn',
        CRM_ML_PLUGIN_OPTIONS: '{"churn":{"families":["logistic"]}}',
        REDIS_URL: '',
        DATABASE_URL: '',
      };
    });

    after(async () => {
      await crm.close();
      await rm(home, { recursive: true, force: true });
    });

    const run = async (): Promise<Headline> => {
      const result = await runCli(['run', '--json'], env);
      assert.equal(result.code, 0, `${result.stdout}\n${result.stderr.slice(-2000)}`);
      return parseSingleJson(result.stdout) as unknown as Headline;
    };

    /** Record ids the store scored at or after `since` for the configured connection. */
    const scoredSince = (since: string): string[] => {
      const db = new Database(join(home, 'crm-ml.sqlite'), { readonly: true });
      try {
        const rows = db
          .prepare(
            'SELECT DISTINCT record_id FROM scores WHERE connection_id = ? AND scored_at >= ?',
          )
          .all(connectionId, since) as { record_id: string }[];
        return rows.map((row) => row.record_id).sort();
      } finally {
        db.close();
      }
    };

    /** Rows of what the store says the CRM holds from crm-ml, for the configured connection. */
    const writtenStateRows = (): number => {
      const db = new Database(join(home, 'crm-ml.sqlite'), { readonly: true });
      try {
        const sql = 'SELECT COUNT(*) AS n FROM writeback_state WHERE connection_id = ?';
        return (db.prepare(sql).get(connectionId) as { n: number }).n;
      } finally {
        db.close();
      }
    };

    it('first run syncs, scores and writes every customer, under the account id', async () => {
      const first = await run();
      assert.equal(first.synced, CUSTOMERS);
      assert.equal(first.scored, CUSTOMERS);
      assert.equal(first.written, CUSTOMERS);
      assert.ok(first.fields_created > 0);
      assert.ok(ids.every((id) => crm.scoreOf(id) !== null && crm.scoreOf(id) !== undefined));
      assert.equal(scoredSince('1970-01-01T00:00:00.000Z').length, CUSTOMERS, connectionId);
    });

    it('a second run with no CRM change scores and writes nothing', async () => {
      const second = await run();
      assert.equal(second.written, 0);
      assert.equal(second.scored, 0);
    });

    it('after 10 customers change, exactly those are re-synced, rescored and rewritten', async () => {
      // Long-standing customers become new ones: their risk goes up.
      const changed = ids.filter((_id, index) => customer(index).tenure >= 40).slice(0, 10);
      assert.equal(changed.length, 10);
      const writtenBefore = new Map(ids.map((id) => [id, crm.writtenAt(id)]));
      const scoresBefore = new Map(ids.map((id) => [id, crm.scoreOf(id)]));
      // Sandbox timestamps have millisecond resolution: step past the last run's writes.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const since = new Date().toISOString();
      crm.change(changed);

      const third = await run();
      assert.deepEqual(scoredSince(since), [...changed].sort(), 'rescored: exactly the changed');
      const rewritten = ids.filter((id) => crm.writtenAt(id) !== writtenBefore.get(id));
      assert.ok(third.written > 0, 'changed customers got new values');
      assert.equal(third.written, rewritten.length);
      assert.ok(
        rewritten.every((id) => changed.includes(id)),
        `rewritten ${rewritten.join()}`,
      );
      assert.ok(
        changed.some((id) => crm.scoreOf(id) !== scoresBefore.get(id)),
        'a churn score moved',
      );
    });

    it('uninstall removes crm-ml fields, and a second uninstall finds nothing to remove', async () => {
      const first = await runCli(['uninstall', '--json'], env);
      assert.equal(first.code, 0, first.stdout + first.stderr.slice(-2000));
      const removed = parseSingleJson(first.stdout) as {
        crm: string;
        connection_id: string;
        removed: { contacts: string[] };
        missing: { contacts: string[] };
      };
      assert.equal(removed.connection_id, connectionId);
      assert.ok(removed.removed.contacts.includes('crm_ml_churn_score'));
      assert.ok(removed.removed.contacts.includes('crm_ml_scored_at'));
      assert.equal(crm.hasScoreField(), false);
      assert.equal(writtenStateRows(), 0, 'the store no longer claims the CRM holds values');

      const again = await runCli(['uninstall', '--json'], env);
      assert.equal(again.code, 0, again.stdout);
      const second = parseSingleJson(again.stdout) as typeof removed;
      assert.deepEqual(second.removed.contacts, []);
      assert.deepEqual(
        [...second.missing.contacts].sort(),
        [...removed.removed.contacts, ...removed.missing.contacts].sort(),
      );
    });

    it('a run after uninstall creates the fields again and writes every customer', async () => {
      const after = await run();
      assert.ok(after.fields_created > 0);
      assert.equal(after.scored, CUSTOMERS);
      assert.equal(after.written, CUSTOMERS);
      assert.ok(crm.hasScoreField());
      const empty = ids.filter((id) => crm.scoreOf(id) === null || crm.scoreOf(id) === undefined);
      assert.deepEqual(empty, [], 'every customer holds a churn score again');
    });
  });
}
