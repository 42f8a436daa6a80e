import { renderScaledChartsSvg } from '../../core/report/scaled-chart-svg.js';
import type { NextBestActionEvaluation } from './evaluate-next-best-action.js';

/** Cumulative regret by round for every simulated policy (lower is better). */
export function renderNextBestActionSvg(result: NextBestActionEvaluation): string {
  return renderScaledChartsSvg([
    {
      title: 'Cumulative regret (simulated Telco book)',
      xLabel: 'round',
      yLabel: 'successes lost to the best action',
      series: result.simulation.policies.map((policy, i) => ({
        name: policy.name,
        points: policy.curve,
        ...(i >= 4 ? { dashed: true } : {}),
      })),
    },
  ]);
}
