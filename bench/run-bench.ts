import './scale/quiet-logs.js';

import { CrmMlError } from '../core/errors/crm-ml-error.js';
import { parseBenchOptions } from './scale/bench-options.js';
import { formatReport } from './scale/format-report.js';
import { runScaleBench } from './scale/run-scale-bench.js';

/**
 * The scale benchmark: N customers generated from the Telco distributions, loaded into a
 * rate-limited HubSpot sandbox, then sync → features → train → score → write-back →
 * rescoring, each stage measured (records/s, peak RSS, API calls against the ceiling).
 *
 * @example
 * npm run bench -- --customers 100000 --json   (compiles, then runs dist-bench/)
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const report = await runScaleBench(options);
  // The bench's own output: the only console use the style guide allows outside the CLI.
  console.log(options.json ? JSON.stringify(report) : formatReport(report));
}

main().catch((error: unknown) => {
  // A mistake of the caller's (a flag, a URL) reads as one line; anything else with its stack.
  if (error instanceof CrmMlError) console.error(`bench: ${error.code}: ${error.message}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
