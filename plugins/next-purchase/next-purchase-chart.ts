import { renderScaledChartsSvg } from '../../core/report/scaled-chart-svg.js';
import type { NextPurchaseEvaluation } from './evaluate-next-purchase.js';

/**
 * The two classic BG/NBD checks (Fader, Hardie & Lee 2005, figs. 2 and 3): mean holdout
 * purchases by calibration repeat purchases (0…7+), and cumulative repeat purchases week by
 * week with the calibration end marked.
 */
export function renderNextPurchaseSvg(result: NextPurchaseEvaluation): string {
  const groups = result.by_calibration_purchases;
  const calibrationWeeks =
    (Date.parse(result.calibration_end) - Date.parse(result.calibration_start)) / (7 * 86_400_000);
  return renderScaledChartsSvg([
    {
      title: 'Holdout purchases by calibration repeats',
      xLabel: 'repeat purchases in calibration',
      yLabel: 'mean purchases in holdout',
      xNames: groups.map((g) => g.repeat_purchases),
      series: [
        { name: 'actual', points: groups.map((g, i) => [i, g.actual]) },
        { name: 'BG/NBD', points: groups.map((g, i) => [i, g.predicted]) },
        {
          name: 'own calibration rate',
          points: groups.map((g, i) => [i, g.baseline]),
          dashed: true,
        },
      ],
    },
    {
      title: 'Cumulative repeat purchases',
      xLabel: 'week',
      yLabel: 'repeat purchases',
      markX: { at: calibrationWeeks, label: 'calibration end' },
      series: [
        { name: 'actual', points: result.cumulative.map((p) => [p.week, p.actual]) },
        {
          name: 'BG/NBD',
          points: result.cumulative.map((p) => [p.week, p.predicted]),
          dashed: true,
        },
      ],
    },
  ]);
}
