import type { Json, SavedModel } from '../../plugins/plugin.js';
import { renderChurnReportSvg, type ChurnReportInput } from '../report/churn-report-svg.js';
import { renderChartsSvg, type LineChart } from '../report/line-chart-svg.js';
import type { ModelSummary } from '../store/index.js';

// Metrics that live on [0, 1], so they share the unit-square chart the renderers draw.
const UNIT_METRICS = ['roc_auc', 'pr_auc', 'brier', 'accuracy', 'macro_f1', 'silhouette'];

function churnEvaluation(config: Json): ChurnReportInput | null {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return null;
  const evaluation = config['evaluation'] as unknown as Partial<ChurnReportInput> | undefined;
  const complete =
    evaluation !== undefined &&
    typeof evaluation.roc_auc === 'number' &&
    Array.isArray(evaluation.roc_curve) &&
    Array.isArray(evaluation.calibration) &&
    typeof evaluation.baseline?.roc_auc === 'number';
  return complete ? (evaluation as ChurnReportInput) : null;
}

// Versions go on x scaled to [0, 1], the first version at 0 and the latest at 1.
function historyChart(versions: readonly ModelSummary[]): LineChart {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const span = Math.max(1, ordered.length - 1);
  const first = ordered[0]?.version ?? 1;
  const last = ordered.at(-1)?.version ?? first;
  const series = UNIT_METRICS.filter((name) =>
    ordered.some((model) => typeof model.metrics[name] === 'number'),
  ).map((name) => ({
    name,
    points: ordered.flatMap((model, index) => {
      const value = model.metrics[name];
      return typeof value === 'number' ? [[index / span, value] as const] : [];
    }),
  }));
  return {
    title: `Held-out metrics, versions ${first}–${last}`,
    xLabel: 'model version (first → latest)',
    yLabel: 'metric',
    series,
  };
}

/**
 * A model's report as one SVG: the churn ROC and calibration curves when the model kept its
 * evaluation, else its held-out metrics across the versions up to it.
 */
export function renderModelReport(saved: SavedModel, versions: readonly ModelSummary[]): string {
  const evaluation = churnEvaluation(saved.config);
  if (evaluation) return renderChurnReportSvg(evaluation);
  return renderChartsSvg([historyChart(versions)]);
}
