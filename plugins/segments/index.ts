export { createSegmentsPlugin } from './segments-plugin.js';
export { segmentOrderRows, type OrderSegments } from './segment-order-rows.js';
export { SegmentsModel, SEGMENTS_PLUGIN_ID } from './segments-model.js';
export {
  profileSegments,
  renderSegmentsSvg,
  type SegmentProfile,
  type SegmentsProfile,
} from './profile-segments.js';
export { fitSegments, type FitSegmentsOptions, type SegmentsState } from './fit-segments.js';
export { customerFeatures, type CustomerFeatures } from './customer-features.js';
export { segmentNames, segmentTraits } from './segment-names.js';
export { matchSegmentIds } from './match-segments.js';
export {
  SEGMENTS_FIELDS,
  SEGMENT_FIELD,
  SEGMENT_ID_FIELD,
  NO_PURCHASES_ID,
  NO_PURCHASES_NAME,
} from './segments-fields.js';
export { parseSegmentsOptions, type SegmentsOptions } from './segments-options.js';
