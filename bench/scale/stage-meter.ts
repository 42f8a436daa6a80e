import type { SandboxHandle } from './sandbox-handle.js';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 50;

/** What every stage reports besides its own figures. */
export interface StageMeasure {
  seconds: number;
  /**
   * CPU time the bench process used during the stage (all its threads). On a shared machine
   * records per CPU-second are steadier than records per wall-clock second.
   */
  cpuSeconds: number;
  /** Highest RSS of the bench process seen while the stage ran. */
  peakRssMb: number;
  /** API calls the sandbox received during the stage, and how many it refused with 429. */
  calls: number;
  rateLimited: number;
  /** Calls per route during the stage, e.g. `POST /crm/v3/objects/:objectType/batch/update`. */
  byRoute: Record<string, number>;
}

/**
 * Runs one stage and measures it. RSS is sampled on a timer, which a long synchronous step
 * cannot interrupt, so the stage's start and end are sampled too; the whole run's true peak
 * comes from `resourceUsage().maxRSS` in the report.
 */
export async function measureStage<T>(
  sandbox: SandboxHandle,
  stage: () => Promise<T>,
): Promise<{ result: T; measure: StageMeasure }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  timer.unref();

  const before = await sandbox.stats();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const result = await stage();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    peak = Math.max(peak, process.memoryUsage.rss());
    const after = await sandbox.stats();

    const byRoute: Record<string, number> = {};
    for (const [route, count] of Object.entries(after.byRoute)) {
      const delta = count - (before.byRoute[route] ?? 0);
      if (delta > 0) byRoute[route] = delta;
    }
    const measure: StageMeasure = {
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: peak / MB,
      calls: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
      byRoute,
    };
    return { result, measure };
  } finally {
    clearInterval(timer);
  }
}
