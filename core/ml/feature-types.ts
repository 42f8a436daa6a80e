/** How one numeric property is imputed and scaled. */
export interface NumericColumnSpec {
  kind: 'numeric';
  name: string;
  /** Fills blanks and non-numeric text. */
  median: number;
  /** log1p before centring, for skewed non-negative values. */
  log: boolean;
  center: number;
  scale: number;
  /** Adds a 0/1 column flagging imputed values (only when training had blanks). */
  missingIndicator: boolean;
  missingShare: number;
  /** Raw-value quantiles, the reference values explanations compare against. */
  quantiles: number[];
}

/** How one categorical property is one-hot encoded. */
export interface CategoricalColumnSpec {
  kind: 'categorical';
  name: string;
  /** Categories with a column each, most frequent first; others encode as all-zero. */
  categories: string[];
  /** Training share of each category, for explanation references. */
  shares: number[];
}

export type ColumnSpec = NumericColumnSpec | CategoricalColumnSpec;

/** A property the pipeline ignores, and why. */
export interface DroppedColumn {
  name: string;
  reason: 'excluded' | 'bookkeeping' | 'empty' | 'constant' | 'id_like' | 'no_frequent_values';
}

/** Where one encoded column comes from, so model weights map back to properties. */
export interface EncodedColumn {
  source: string;
  role: 'value' | 'missing' | 'category';
  /** The category of a one-hot column. */
  category?: string;
}

/** The serialised pipeline: everything `transform` needs. */
export interface FeaturePipelineJson {
  version: 1;
  columns: ColumnSpec[];
  dropped: DroppedColumn[];
}

/** Values a property can be set to when asking "how much did this property matter?" */
export interface PropertyReference {
  source: string;
  /** Encoded column indices the property owns. */
  columns: number[];
  /** Alternative encodings of those columns, weighted by how common they are in training. */
  slices: { weight: number; values: number[] }[];
}
