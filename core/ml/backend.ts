import { createRequire } from 'node:module';
import path from 'node:path';

import type * as TfNamespace from '@tensorflow/tfjs';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';

/** The TensorFlow.js namespace, whichever package provided it. */
export type Tf = typeof TfNamespace;

/** The backend crm-ml runs tensors on. */
export type TfBackendName = 'tensorflow' | 'wasm';

/** What `initTensorflow` resolves to. */
export interface TfRuntime {
  tf: Tf;
  backend: TfBackendName;
}

const logger = createLogger('ml.backend');

// A variable specifier keeps TypeScript from requiring the optional package's types.
const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

let pending: Promise<TfRuntime> | undefined;

async function tryNative(): Promise<TfRuntime | undefined> {
  try {
    const native = (await import(NATIVE_PACKAGE)) as Tf & { default?: Tf };
    const tf = native.default ?? native;
    await tf.ready();
    if (tf.getBackend() !== 'tensorflow') return undefined;
    return { tf, backend: 'tensorflow' };
  } catch {
    // Not installed (its install downloads a native library), so wasm is the normal case.
    return undefined;
  }
}

async function initWasm(): Promise<TfRuntime> {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');

  // The .wasm binaries ship in the package's dist folder; pointing there means no fetch.
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  wasm.setWasmPaths(path.dirname(wasmFile) + path.sep);

  const ok = await tf.setBackend('wasm');
  if (!ok) {
    throw new CrmMlError(
      'ml_backend_unavailable',
      'The TensorFlow.js wasm backend failed to start',
    );
  }
  await tf.ready();
  return { tf, backend: 'wasm' };
}

/**
 * Starts TensorFlow.js once per process: tfjs-node when it is importable, else the wasm
 * backend (never the slow cpu one). Later calls return the same runtime.
 *
 * @example const { tf, backend } = await initTensorflow();
 */
export function initTensorflow(): Promise<TfRuntime> {
  pending ??= (async () => {
    const runtime = (await tryNative()) ?? (await initWasm());
    logger.info({ backend: runtime.backend }, 'tensorflow ready');
    return runtime;
  })();

  // A failed start is not cached, so a later call can retry.
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}
