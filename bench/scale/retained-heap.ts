import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

// The bench runs without --expose-gc (its npm script is plain `node --import tsx`); turning the
// flag on at runtime and fetching `gc` from a fresh context gives a full collection on demand.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap in use after a full collection, in MB: what is really retained, not garbage. */
export function retainedHeapMb(): number {
  collect();
  return process.memoryUsage().heapUsed / MB;
}
