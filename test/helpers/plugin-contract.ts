import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pino, type Logger } from 'pino';

import type { FieldSpec } from '../../connectors/connector.js';
import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord, PropertyValue } from '../../core/records/crm-record.js';
import type {
  Plugin,
  RecordScore,
  RelatedRecords,
  SavedModel,
  TrainContext,
} from '../../plugins/plugin.js';

/** Records to train and score on: the plugin's own type, and `related` for its `inputs`. */
export interface ContractData {
  records: CrmRecord[];
  related?: RelatedRecords;
}

/**
 * One plugin as the shared contract suite sees it. A new plugin joins by adding one such
 * case to `test/plugins/plugin-contract.test.ts`.
 */
export interface PluginContractCase {
  create(): Plugin;
  /** Options that train quickly on `data` (e.g. one model family). */
  options: Record<string, unknown>;
  data: ContractData;
  /** The ids `score` must return one entry for; every record of `data` when absent. */
  scorable?: readonly string[];
  /** Options the plugin must refuse, and the stable code it refuses them with. */
  badOptions: { options: Record<string, unknown>; code: string };
  /** Data with unusable records or values mixed in: reported, never fatal. */
  badData: ContractData;
  /** Records of `badData` that must still be scored despite the bad ones around them. */
  scorableDespiteBadData: readonly string[];
  /** True when the plugin logs a warning about the bad records (it should, where it can). */
  logsBadData: boolean;
  /**
   * What every reason `explain` gives for a scorable record looks like; when set, the model
   * must have `explain`. When absent, an `explain` the model has is still checked for shape.
   */
  explainsLike?: RegExp;
}

/** A pino logger keeping its lines in memory, to see what a plugin reported. */
function capturingLogger(): { logger: Logger; lines: { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return { logger: pino({ level: 'debug' }, stream), lines };
}

function context(
  options: Record<string, unknown>,
  data: ContractData,
  seed = 42,
  logger = capturingLogger().logger,
): TrainContext {
  return { logger, seed, options, ...(data.related ? { related: data.related } : {}) };
}

// JSON text is what the store keeps: comparing it checks the model survives a round trip.
const asStored = (saved: SavedModel): SavedModel => JSON.parse(JSON.stringify(saved));

/** Fails unless `value` is a value a CRM field of `field.type` accepts. */
export function assertFieldValue(field: FieldSpec, value: PropertyValue | undefined): void {
  const where = `${field.name} = ${JSON.stringify(value)}`;
  switch (field.type) {
    case 'number':
      assert.ok(typeof value === 'number' && Number.isFinite(value), `${where} is a number`);
      break;
    case 'string':
    case 'text':
      assert.ok(typeof value === 'string', `${where} is text`);
      break;
    case 'enumeration':
      assert.ok(
        (field.options ?? []).some((option) => option.value === value),
        `${where} is one of ${(field.options ?? []).map((option) => option.value).join(', ')}`,
      );
      break;
    case 'datetime':
      assert.ok(
        typeof value === 'string' && !Number.isNaN(Date.parse(value)),
        `${where} is a time`,
      );
      break;
  }
}

/**
 * Registers the contract every plugin keeps (see `Plugin` in plugins/plugin.ts): one score per
 * scorable record, a value of the declared type for every declared field, `load(save())`
 * scoring identically, the same seed giving the same model, bad options refused with a stable
 * code, bad records reported and not fatal.
 */
export function describePluginContract(name: string, contract: PluginContractCase): void {
  describe(`plugin contract: ${name}`, () => {
    const plugin = contract.create();
    const { data } = contract;
    const scorable = contract.scorable ?? data.records.map((record) => record.id);
    let trained: Promise<{ saved: SavedModel; scores: RecordScore[] }> | undefined;
    const train = () =>
      (trained ??= (async () => {
        const model = await plugin.train(data.records, context(contract.options, data));
        return { saved: model.save(), scores: await model.score(data.records, data.related) };
      })());

    it('declares fields with crm_ml_ names, labels and enumeration options', () => {
      assert.match(plugin.id, /^[a-z][a-z0-9_]{0,31}$/);
      assert.ok(plugin.fields.length > 0);
      for (const field of plugin.fields) {
        assert.match(field.name, /^crm_ml_[a-z0-9_]+$/);
        assert.ok(field.label.length > 0, `${field.name} has a label`);
        if (field.type === 'enumeration') assert.ok((field.options ?? []).length > 0);
      }
      assert.equal(new Set(plugin.fields.map((field) => field.name)).size, plugin.fields.length);
    });

    it('scores each scorable record once, with a value of the declared type for every field', async () => {
      const { scores } = await train();
      assert.deepEqual(scores.map((score) => score.recordId).sort(), [...scorable].sort());
      for (const score of scores) {
        assert.ok(Number.isFinite(score.score), `${score.recordId} has a finite score`);
        for (const field of plugin.fields) assertFieldValue(field, score.values[field.name]);
        const undeclared = Object.keys(score.values).filter(
          (key) => !plugin.fields.some((field) => field.name === key),
        );
        assert.deepEqual(undeclared, [], 'writes only declared fields');
      }
    });

    it('scores identically after load(save()) through JSON', async () => {
      const { saved, scores } = await train();
      assert.equal(saved.pluginId, plugin.id);
      const loaded = await plugin.load(asStored(saved));
      assert.deepEqual(await loaded.score(data.records, data.related), scores);
      assert.deepEqual(asStored(loaded.save()), asStored(saved));
    });

    it('learns the same model from the same seed', async () => {
      const { saved } = await train();
      const again = await plugin.train(data.records, context(contract.options, data));
      assert.deepEqual(asStored(again.save()), asStored(saved));
    });

    it('refuses bad options with a stable code before learning anything', async () => {
      const { options, code } = contract.badOptions;
      await assert.rejects(plugin.train(data.records, context(options, data)), (error) => {
        assert.ok(error instanceof CrmMlError, `a CrmMlError, got ${String(error)}`);
        assert.equal(error.code, code);
        assert.match(error.code, /^[a-z]+(_[a-z0-9]+)+$/);
        return true;
      });
    });

    it('explains each scored record with a few short readable reasons', async () => {
      const { saved } = await train();
      const model = await plugin.load(asStored(saved));
      if (contract.explainsLike !== undefined) assert.ok(model.explain, 'the model has explain()');
      if (model.explain === undefined) return;
      let explained = 0;
      for (const id of scorable.slice(0, 10)) {
        const record = data.records.find((candidate) => candidate.id === id) as CrmRecord;
        const reasons = await model.explain(record, data.related);
        assert.ok(reasons.length <= 10, `${id}: at most 10 reasons`);
        for (const reason of reasons) {
          assert.ok(reason.length > 0 && reason.length <= 200, `${id}: "${reason}" is short`);
          if (contract.explainsLike) assert.match(reason, contract.explainsLike);
        }
        if (reasons.length > 0) explained += 1;
      }
      assert.ok(explained > 0, 'some record gets reasons');
    });

    it('reports bad records without failing, and still scores the good ones', async () => {
      const { logger, lines } = capturingLogger();
      const bad = contract.badData;
      const model = await plugin.train(bad.records, context(contract.options, bad, 42, logger));
      const scores = await model.score(bad.records, bad.related);
      const ids = new Set(scores.map((score) => score.recordId));
      for (const id of contract.scorableDespiteBadData) assert.ok(ids.has(id), `${id} is scored`);
      for (const score of scores) {
        for (const field of plugin.fields) assertFieldValue(field, score.values[field.name]);
      }
      if (contract.logsBadData) {
        const warnings = lines.filter((line) => line.level >= 40);
        assert.ok(warnings.length > 0, 'warns about the bad records');
      }
    });
  });
}
