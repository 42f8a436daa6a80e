import { CrmMlError } from '../errors/crm-ml-error.js';
import { inferColumns } from './column-inference.js';
import type {
  ColumnSpec,
  DroppedColumn,
  EncodedColumn,
  FeaturePipelineJson,
  NumericColumnSpec,
  PropertyReference,
} from './feature-types.js';
import { zeroMatrix, type Matrix } from './matrix.js';
import { categoryOf, isBlank, parseNumber, type PropertyRow } from './values.js';

/** Options for fitting a pipeline. */
export interface FeaturePipelineOptions {
  /** Properties never used as features (the target, ids, leaky fields). */
  exclude?: readonly string[];
}

/** The encoded rows, with the data problems met on the way. */
export interface TransformResult {
  matrix: Matrix;
  /** Per property: how many non-numeric texts in a numeric column were treated as missing. */
  invalidNumbers: Record<string, number>;
  /** Rows where every used property was blank. */
  emptyRows: number[];
}

// Scaled values are clipped here so one wild value at scoring cannot dominate a model.
const SCALED_LIMIT = 6;

function scaleNumber(spec: NumericColumnSpec, value: number): number {
  const shaped = spec.log ? Math.log1p(Math.max(0, value)) : value;
  const z = (shaped - spec.center) / spec.scale;
  return Math.min(SCALED_LIMIT, Math.max(-SCALED_LIMIT, z));
}

function encodedColumnsOf(columns: readonly ColumnSpec[]): EncodedColumn[] {
  return columns.flatMap((spec): EncodedColumn[] => {
    if (spec.kind === 'categorical') {
      return spec.categories.map((category) => ({ source: spec.name, role: 'category', category }));
    }
    const value: EncodedColumn = { source: spec.name, role: 'value' };
    return spec.missingIndicator ? [value, { source: spec.name, role: 'missing' }] : [value];
  });
}

/**
 * Turns CRM property maps into a numeric matrix: infers column kinds, imputes, scales and
 * one-hot encodes; learned once with `fit`, then applied identically by `transform`, also
 * after a JSON round trip. Never produces NaN.
 *
 * @example
 * const pipeline = FeaturePipeline.fit(rows, { exclude: ['churn'] });
 * const { matrix } = pipeline.transform(rows);
 */
export class FeaturePipeline {
  readonly columns: readonly ColumnSpec[];
  readonly dropped: readonly DroppedColumn[];
  /** One entry per matrix column, naming its source property. */
  readonly encoded: readonly EncodedColumn[];
  /** Data problems found while fitting, in words. */
  readonly warnings: readonly string[];

  private constructor(columns: ColumnSpec[], dropped: DroppedColumn[], warnings: string[]) {
    this.columns = columns;
    this.dropped = dropped;
    this.encoded = encodedColumnsOf(columns);
    this.warnings = warnings;
  }

  /** Learns column kinds, imputation values, scales and categories from training rows. */
  static fit(rows: readonly PropertyRow[], options: FeaturePipelineOptions = {}): FeaturePipeline {
    if (rows.length === 0)
      throw new CrmMlError('ml_pipeline_no_rows', 'Cannot fit features on 0 rows');
    const inferred = inferColumns(rows, options.exclude ?? []);
    if (inferred.columns.length === 0) {
      const why = inferred.dropped.map((d) => `${d.name} (${d.reason})`).join(', ');
      throw new CrmMlError('ml_pipeline_no_features', `No usable feature columns; dropped: ${why}`);
    }
    return new FeaturePipeline(inferred.columns, inferred.dropped, inferred.warnings);
  }

  /** Rebuilds a pipeline saved with `toJSON`. */
  static fromJSON(json: FeaturePipelineJson): FeaturePipeline {
    if (json.version !== 1 || !Array.isArray(json.columns)) {
      throw new CrmMlError(
        'ml_pipeline_json_invalid',
        'Saved feature pipeline has an unknown shape',
      );
    }
    return new FeaturePipeline(json.columns, json.dropped, []);
  }

  toJSON(): FeaturePipelineJson {
    return { version: 1, columns: [...this.columns], dropped: [...this.dropped] };
  }

  /** Encodes rows; blanks and bad numbers are imputed, unseen categories encode as zeros. */
  transform(rows: readonly PropertyRow[]): TransformResult {
    const matrix = zeroMatrix(rows.length, this.encoded.length);
    const invalidNumbers: Record<string, number> = {};
    const emptyRows: number[] = [];

    rows.forEach((row, r) => {
      let offset = r * matrix.cols;
      let filled = 0;
      for (const spec of this.columns) {
        const raw = row[spec.name];
        if (!isBlank(raw)) filled++;

        if (spec.kind === 'categorical') {
          const index = spec.categories.indexOf(categoryOf(raw));
          if (index >= 0) matrix.data[offset + index] = 1;
          offset += spec.categories.length;
          continue;
        }

        const value = parseNumber(raw);
        if (value === undefined && !isBlank(raw)) {
          invalidNumbers[spec.name] = (invalidNumbers[spec.name] ?? 0) + 1;
        }
        matrix.data[offset] = scaleNumber(spec, value ?? spec.median);
        if (spec.missingIndicator) matrix.data[offset + 1] = value === undefined ? 1 : 0;
        offset += spec.missingIndicator ? 2 : 1;
      }
      if (filled === 0) emptyRows.push(r);
    });
    return { matrix, invalidNumbers, emptyRows };
  }

  /** For each property, the typical encodings it takes in training (see PropertyReference). */
  references(): PropertyReference[] {
    let offset = 0;
    return this.columns.map((spec) => {
      if (spec.kind === 'categorical') {
        const width = spec.categories.length;
        const columns = Array.from({ length: width }, (_, i) => offset + i);
        offset += width;
        const slices = spec.categories.map((_, i) => ({
          weight: spec.shares[i] ?? 0,
          values: columns.map((__, j) => (i === j ? 1 : 0)),
        }));
        const rest = 1 - spec.shares.reduce((s, v) => s + v, 0);
        if (rest > 1e-9) slices.push({ weight: rest, values: columns.map(() => 0) });
        return { source: spec.name, columns, slices };
      }

      const width = spec.missingIndicator ? 2 : 1;
      const columns = Array.from({ length: width }, (_, i) => offset + i);
      offset += width;
      const present = (1 - spec.missingShare) / spec.quantiles.length;
      const slices = spec.quantiles.map((q) => ({
        weight: present,
        values: spec.missingIndicator ? [scaleNumber(spec, q), 0] : [scaleNumber(spec, q)],
      }));
      if (spec.missingIndicator) {
        slices.push({ weight: spec.missingShare, values: [scaleNumber(spec, spec.median), 1] });
      }
      return { source: spec.name, columns, slices };
    });
  }
}
