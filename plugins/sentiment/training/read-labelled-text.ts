import { readFileSync } from 'node:fs';

import { CrmMlError } from '../../../core/errors/crm-ml-error.js';

/** One labelled sentence. */
export interface LabelledText {
  text: string;
  label: 0 | 1;
}

/**
 * Reads the UCI "Sentiment Labelled Sentences" format: one `sentence<TAB>label` per line,
 * label 0 or 1, no header. Splits on the last tab, since sentences may hold quotes that
 * CSV readers would treat as field delimiters.
 */
export function readLabelledText(path: string): LabelledText[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const rows: LabelledText[] = [];

  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.lastIndexOf('\t');
    const label = line.slice(tab + 1).trim();
    if (tab < 0 || (label !== '0' && label !== '1')) {
      throw new CrmMlError('sentiment_data_invalid', `${path}:${i + 1}: expected sentence<TAB>0|1`);
    }
    rows.push({ text: line.slice(0, tab), label: label === '1' ? 1 : 0 });
  });
  return rows;
}
