import { renderHeatmapSvg } from '../../core/report/heatmap-svg.js';
import type { SavedModel } from '../plugin.js';
import { FeatureScaler } from './feature-scaler.js';
import { SegmentsModel } from './segments-model.js';

/** One segment as a reader sees it. */
export interface SegmentProfile {
  id: number;
  name: string;
  size: number;
  share: number;
  /** The centre in the features' own units (days, orders, money); geometric for log features. */
  centroid: Record<string, number>;
  /** The centre in scaled units: 0 is the typical customer, ±1 about one spread away. */
  z: Record<string, number>;
}

export interface SegmentsProfile {
  segments: SegmentProfile[];
}

/** Sizes and centres of every segment of a model, by id. */
export function profileSegments(model: SegmentsModel | SavedModel): SegmentsProfile {
  const state = (model instanceof SegmentsModel ? model : SegmentsModel.load(model)).state;
  const scaler = new FeatureScaler(state.scaler);
  const total = state.sizes.reduce((a, b) => a + b, 0);
  const byName = (values: readonly number[], digits: number): Record<string, number> =>
    Object.fromEntries(state.features.map((f, j) => [f, round(values[j] ?? 0, digits)]));

  const segments = state.centroids.map((centroid, c) => ({
    id: state.ids[c] as number,
    name: state.names[c] as string,
    size: state.sizes[c] as number,
    share: round((state.sizes[c] as number) / Math.max(1, total), 4),
    centroid: byName(scaler.inverse(centroid), 2),
    z: byName(centroid, 3),
  }));
  return { segments: segments.sort((a, b) => a.id - b.id) };
}

/** The centroid z-scores of every segment as an SVG heatmap (rows = segments). */
export function renderSegmentsSvg(profile: SegmentsProfile): string {
  const features = Object.keys(profile.segments[0]?.z ?? {});
  return renderHeatmapSvg({
    title: 'Segment profiles (centroid z-scores)',
    rows: profile.segments.map((s) => `${s.id}. ${s.name} (${s.size})`),
    columns: features,
    values: profile.segments.map((s) => features.map((f) => s.z[f] ?? 0)),
  });
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
