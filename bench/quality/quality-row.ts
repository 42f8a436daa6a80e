/** One line of the quality table: a metric of our model beside its baseline, same run. */
export interface QualityRow {
  plugin: string;
  dataset: string;
  metric: string;
  ours: number;
  baseline: number;
  baselineName: string;
  /** Held-out, cross-validated, or in-sample: how to read the figure. */
  protocol: string;
}

/** The table as Markdown, for bench/QUALITY.md and the terminal alike. */
export function toMarkdownTable(rows: readonly QualityRow[]): string {
  const header = '| plugin | dataset | metric | ours | baseline | baseline is | protocol |';
  const rule = '| --- | --- | --- | ---: | ---: | --- | --- |';
  const lines = rows.map((row) =>
    [
      row.plugin,
      row.dataset,
      row.metric,
      row.ours.toFixed(3),
      row.baseline.toFixed(3),
      row.baselineName,
      row.protocol,
    ].join(' | '),
  );
  return [header, rule, ...lines.map((line) => `| ${line} |`)].join('\n');
}
