import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';
import { createLogger } from '../../../core/logging/logger.js';
import type { CrmRecord } from '../../../core/records/crm-record.js';
import {
  createChurnPlugin,
  DEFAULT_RISK_THRESHOLDS,
  parseChurnOptions,
} from '../../../plugins/churn/index.js';
import type { RecordScore, SavedModel, TrainedModel } from '../../../plugins/plugin.js';
import { readTelcoRecords } from './telco-fixture.js';

const logger = createLogger('test.churn');
const plugin = createChurnPlugin();

describe('churn plugin on the Telco data', () => {
  const records = readTelcoRecords();
  // The last 20 customers lose their label: they must be left out of training, yet scored.
  const unlabelled = records.slice(-20).map((r) => ({
    ...r,
    properties: { ...r.properties, churn: '' },
  }));
  const input = [...records.slice(0, -20), ...unlabelled];
  let model: TrainedModel;
  let scores: RecordScore[];
  const progress: [number, number][] = [];

  before(async () => {
    // The one full Telco run with every family (the network included) in the suite.
    model = await plugin.train(input, {
      logger,
      seed: 42,
      options: { target: 'churn', positive: 'Yes' },
      progress: (done, total) => progress.push([done, total]),
    });
    scores = await model.score(input);
  });

  it('reaches a held-out ROC AUC of at least 0.84 and beats its baseline', () => {
    const m = model.metrics;
    assert.ok((m['roc_auc'] ?? 0) >= 0.84, `roc_auc ${m['roc_auc']}`);
    assert.ok((m['roc_auc'] ?? 0) > (m['baseline_roc_auc'] ?? 1));
    assert.equal(m['rows'], 7023);
    assert.equal(m['unlabelled_rows'], 20);
    assert.equal((m['train_rows'] ?? 0) + (m['test_rows'] ?? 0), 7023);
    assert.ok([0, 1, 2, 3].includes(m['family_index'] ?? -1));
    assert.ok((m['cv_roc_auc'] ?? 0) > 0.8 && (m['cv_roc_auc_std'] ?? 0) > 0);
    // 5 folds × 3 fitted families (the ensemble reuses its members' fits) + held-out + refit.
    assert.deepEqual(progress.at(-1), [17, 17]);
  });

  it('scores every record, unlabelled ones too, with all three fields', () => {
    assert.equal(scores.length, input.length);
    const last = scores.at(-1);
    assert.equal(last?.recordId, unlabelled.at(-1)?.id);
    for (const s of scores) {
      const percent = s.values['crm_ml_churn_score'];
      assert.equal(percent, Math.round(s.score * 100));
      assert.match(String(s.values['crm_ml_churn_risk']), /^(low|medium|high)$/);
      assert.match(
        String(s.values['crm_ml_churn_drivers']),
        /^[a-z ]+ .+ [↑↓](, [a-z ]+ .+ [↑↓]){0,2}$/,
      );
    }
  });

  it('names month-to-month contracts and short tenure among churners’ drivers', () => {
    const risky = scores.filter((s) => s.values['crm_ml_churn_risk'] === 'high');
    const drivers = risky.map((s) => String(s.values['crm_ml_churn_drivers']));
    assert.ok(
      drivers.filter((d) => d.includes('contract Month-to-month ↑')).length > risky.length / 2,
    );
    assert.ok(drivers.some((d) => /tenure \d+ ↑/.test(d)));
  });

  it('explains low-risk customers by what keeps their risk down', () => {
    const safe = scores.filter((s) => s.values['crm_ml_churn_risk'] === 'low');
    const drivers = safe.map((s) => String(s.values['crm_ml_churn_drivers']));
    assert.ok(safe.length > 1000);
    assert.ok(drivers.filter((d) => /^[^↑]*↓$/.test(d)).length > safe.length * 0.9);
    assert.ok(drivers.some((d) => /contract (One|Two) year ↓/.test(d)));
  });

  it('reloads from JSON and reproduces scores and drivers exactly', async () => {
    const saved = JSON.parse(JSON.stringify(model.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score(input.slice(0, 500)), scores.slice(0, 500));
    assert.deepEqual(loaded.metrics, model.metrics);
  });

  it('reports records with nothing to score instead of failing', async () => {
    const empty: CrmRecord = { ...input[0]!, id: 'empty', properties: { churn: 'No' } };
    const result = await model.score([empty, input[1]!]);
    assert.deepEqual(
      result.map((s) => s.recordId),
      [input[1]!.id],
    );
  });
});

describe('churn model updates', () => {
  const records = readTelcoRecords();
  // Train on one part, then update with customers the model has never seen.
  const old = records.slice(0, 4000);
  const fresh = records.slice(4000);
  const context = { logger, seed: 3, options: { target: 'churn', positive: 'Yes' } };

  it('updates on new labels repeatably, without an AUC collapse, and reloads', async () => {
    const model = await plugin.train(old, {
      ...context,
      options: { ...context.options, families: ['logistic'] },
    });
    assert.ok(model.update, 'churn models can update');
    const updated = await model.update(fresh, context);
    const again = await model.update(fresh, context);

    const m = updated.metrics;
    assert.equal(m['update_rows'], fresh.length);
    const before = m['update_roc_auc_before'] ?? 0;
    const after = m['update_roc_auc_after'] ?? 0;
    assert.ok(before > 0.75 && after > before - 0.01, `AUC ${before} → ${after}`);
    assert.equal(m['rows'], model.metrics['rows']);

    const sample = fresh.slice(0, 300);
    const scores = await updated.score(sample);
    assert.notDeepEqual(
      scores.map((s) => s.score),
      (await model.score(sample)).map((s) => s.score),
    );
    assert.deepEqual(await again.score(sample), scores);

    const saved = JSON.parse(JSON.stringify(updated.save())) as SavedModel;
    const loaded = await plugin.load(saved);
    assert.deepEqual(await loaded.score(sample), scores);
    assert.deepEqual(loaded.metrics, updated.metrics);
  });

  it('refuses an update with too few labels or another target', async () => {
    const model = await plugin.train(old.slice(0, 400), {
      ...context,
      options: { ...context.options, families: ['logistic'] },
    });
    const unlabelled = fresh.map((r) => ({ ...r, properties: { ...r.properties, churn: '' } }));
    await assert.rejects(
      model.update?.(unlabelled, context) ?? Promise.resolve(),
      (error: unknown) =>
        error instanceof CrmMlError && error.code === 'churn_update_too_few_labels',
    );
    await assert.rejects(
      model.update?.(fresh, { ...context, options: { target: 'gender' } }) ?? Promise.resolve(),
      (error: unknown) =>
        error instanceof CrmMlError && error.code === 'churn_update_target_mismatch',
    );
  });
});

describe('churn plugin options', () => {
  const records = readTelcoRecords().slice(0, 300);
  const context = (options: Record<string, unknown>) => ({ logger, seed: 1, options });

  it('names the bad option', async () => {
    await assert.rejects(plugin.train(records, context({})), (error: unknown) => {
      assert.ok(error instanceof CrmMlError);
      assert.equal(error.code, 'churn_options_invalid');
      assert.match(error.message, /'target'/);
      return true;
    });
    await assert.rejects(
      plugin.train(records, context({ target: 'churn', families: ['forest'] })),
      /Invalid churn option 'families\.0'/,
    );
  });

  it('validates risk thresholds and applies their defaults', () => {
    assert.deepEqual(
      parseChurnOptions({ target: 'churn' }).riskThresholds,
      DEFAULT_RISK_THRESHOLDS,
    );
    assert.throws(
      () => parseChurnOptions({ target: 'churn', riskThresholds: { medium: 0.7, high: 0.5 } }),
      /Invalid churn option 'riskThresholds': medium must be below high/,
    );
  });

  it('refuses a target with one class', async () => {
    await assert.rejects(
      plugin.train(records, context({ target: 'churn', positive: 'Maybe' })),
      (error: unknown) => error instanceof CrmMlError && error.code === 'churn_target_one_class',
    );
  });

  it('exposes its fields and identity', () => {
    assert.equal(plugin.id, 'churn');
    assert.equal(plugin.objectType, 'contacts');
    assert.deepEqual(
      plugin.fields.map((f) => [f.name, f.type]),
      [
        ['crm_ml_churn_score', 'number'],
        ['crm_ml_churn_risk', 'enumeration'],
        ['crm_ml_churn_drivers', 'text'],
      ],
    );
  });
});
