// Runs the CLI from the TypeScript sources, so tests need no build: `node --import tsx` this.
import { main } from '../../core/cli/main.js';

await main(process.argv);
