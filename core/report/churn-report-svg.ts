import { renderChartsSvg, type LineChart } from './line-chart-svg.js';

/** The parts of a churn evaluation the report draws. */
export interface ChurnReportInput {
  roc_auc: number;
  roc_curve: readonly { fpr: number; tpr: number }[];
  calibration: readonly { mean_predicted: number; observed_rate: number; count: number }[];
  baseline: { roc_auc: number };
}

/**
 * The held-out ROC curve (beside chance) and the calibration curve (beside perfect
 * calibration), as one SVG: what people look at before trusting a churn score.
 */
export function renderChurnReportSvg(evaluation: ChurnReportInput): string {
  const roc: LineChart = {
    title:
      `ROC, held out: AUC ${evaluation.roc_auc.toFixed(3)} ` +
      `(baseline ${evaluation.baseline.roc_auc.toFixed(3)})`,
    xLabel: 'false positive rate',
    yLabel: 'true positive rate',
    series: [
      { name: 'model', points: evaluation.roc_curve.map((p) => [p.fpr, p.tpr] as const) },
      {
        name: 'chance',
        points: [
          [0, 0],
          [1, 1],
        ],
        dashed: true,
      },
    ],
  };
  const calibration: LineChart = {
    title: 'Calibration, held out',
    xLabel: 'predicted churn probability',
    yLabel: 'observed churn rate',
    series: [
      {
        name: 'model',
        points: evaluation.calibration
          .filter((bin) => bin.count > 0)
          .map((bin) => [bin.mean_predicted, bin.observed_rate] as const),
      },
      {
        name: 'perfect',
        points: [
          [0, 0],
          [1, 1],
        ],
        dashed: true,
      },
    ],
  };
  return renderChartsSvg([roc, calibration]);
}
