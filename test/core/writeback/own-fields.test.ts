import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { MODEL_VERSION_FIELD, pluginsWritingTo } from '../../../core/writeback/own-fields.js';
import { createChurnPlugin } from '../../../plugins/churn/index.js';
import { createSegmentsPlugin } from '../../../plugins/segments/index.js';

describe('pluginsWritingTo', () => {
  const churn = createChurnPlugin();
  const segments = createSegmentsPlugin();
  const ids = (created: string[]): string[] =>
    pluginsWritingTo([churn, segments], created).map((plugin) => plugin.id);

  it('names each plugin with a created field, and only those', () => {
    const churnField = churn.fields[0]?.name ?? '';
    assert.deepEqual(ids([churnField]), ['churn']);
    assert.deepEqual(ids(['some_other_field']), []);
    assert.deepEqual(ids([]), []);
  });

  it('names every plugin when a bookkeeping field was created: each write carries it', () => {
    assert.deepEqual(ids([MODEL_VERSION_FIELD]), ['churn', 'segments']);
  });
});
