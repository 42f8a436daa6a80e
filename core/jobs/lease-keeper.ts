import { createLogger } from '../logging/logger.js';
import type { OutboxRepository } from '../store/index.js';

const logger = createLogger('queue.writeback');

/**
 * Keeps a worker's outbox claims alive while it is still sending them: a send can outlast a
 * lease (a write waiting for the shared budget, a slow CRM), and another worker must not take
 * the entries meanwhile. Leases are extended every third of their length; entries written,
 * failed or handed back drop out as the store stops reporting them held. A worker that stops
 * renewing (it died or froze) loses its entries when the last lease runs out, as before.
 */
export class LeaseKeeper {
  /** Ids held, each with the number of its latest claim, so a re-claim is never forgotten. */
  private readonly held = new Map<number, number>();
  private claims = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly outbox: Pick<OutboxRepository, 'renewClaims'>,
    private readonly workerId: string,
    private readonly leaseMs: number,
  ) {}

  /** Starts renewing; `stop` ends it. */
  start(): void {
    this.timer = setInterval(
      () => {
        this.renewing = this.renewing.then(() => this.renew());
      },
      Math.max(1, Math.floor(this.leaseMs / 3)),
    );
    this.timer.unref();
  }

  /** Entries just claimed, whose leases are kept from now on. */
  hold(ids: readonly number[]): void {
    this.claims += 1;
    for (const id of ids) this.held.set(id, this.claims);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    this.held.clear();
  }

  private async renew(): Promise<void> {
    const snapshot = [...this.held];
    if (snapshot.length === 0) return;
    try {
      const ids = snapshot.map(([id]) => id);
      const renewed = new Set(await this.outbox.renewClaims(ids, this.workerId, this.leaseMs));
      for (const [id, claim] of snapshot) {
        if (!renewed.has(id) && this.held.get(id) === claim) this.held.delete(id);
      }
    } catch (err) {
      // The next tick tries again; if none gets through, the leases run out as a dead worker's.
      logger.warn({ err, workerId: this.workerId, held: snapshot.length }, 'lease renewal failed');
    }
  }
}
