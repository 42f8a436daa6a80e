// `MODULE_TRACE_FILE=f node --import tsx --import THIS entry.ts …` lists in f every module the
// run loaded, so a test can check what a command pulls in at start-up.
import { register } from 'node:module';

const traceFile = process.env['MODULE_TRACE_FILE'];
if (!traceFile) throw new Error('MODULE_TRACE_FILE must name the file to list modules in');
register(new URL('./module-load-hooks.ts', import.meta.url), { data: { traceFile } });
