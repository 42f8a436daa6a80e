#!/usr/bin/env node
// Entry point of the `crm-ml` command: runs the compiled CLI (built by `npm run build`,
// which `npm ci` runs through the `prepare` script).
import { main } from '../dist/core/cli/main.js';

await main(process.argv);
