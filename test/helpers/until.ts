/**
 * Polls `check` every 200 ms until it holds, or throws after `ms`. A check that throws counts
 * as "not yet": training in the same process can hold the event loop past a server's
 * keep-alive timeout, so a reused connection may be reset while a run is under way.
 */
export async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
