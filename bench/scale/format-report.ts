import type { BenchReport } from './run-scale-bench.js';

/** The report as text: headline, targets, then one block of figures per stage. */
export function formatReport(report: BenchReport): string {
  const lines = [
    `crm-ml scale bench: ${report.customers} customers, ${report.date}`,
    `machine: ${report.machine.nproc} cores, node ${report.machine.node}, ` +
      `${report.machine.platform}, store ${report.store}`,
    `API ceiling: ${report.ceiling.max} calls / ${report.ceiling.interval_s} s ` +
      `(${report.ceiling.per_s}/s)`,
    `peak RSS ${report.peak_rss_mb} MB (sandbox process ${report.sandbox_peak_rss_mb} MB)`,
    '',
    'targets:',
  ];
  for (const [name, check] of Object.entries(report.targets)) {
    const verdict = check.met === null ? 'not run' : check.met ? 'met' : 'MISSED';
    lines.push(
      `  ${name.padEnd(18)} ${verdict.padEnd(8)} ${String(check.value)}  (${check.target})`,
    );
  }

  lines.push('', 'baselines:');
  for (const [name, value] of Object.entries(report.baselines)) {
    lines.push(`  ${name.padEnd(36)} ${String(value)}`);
  }
  for (const [stage, figures] of Object.entries(report.stages)) {
    lines.push('', `${stage}:`);
    for (const [name, value] of Object.entries(figures)) {
      lines.push(`  ${name.padEnd(36)} ${String(value)}`);
    }
  }
  return lines.join('\n');
}
