import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A redis-server of a test's own, so the shared one is never restarted or reconfigured. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** `shutdown nosave`, then the same server again on the same port: an empty Redis. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts redis-server the way the CI machine does (daemonised, nothing kept on disk) on a
 * free port, with `extraArgs` such as `['--maxmemory-policy', 'allkeys-lru']`.
 */
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'crm-ml-redis-'));
  const args = [
    ...['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(port)],
    ...['--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'redis.log')],
    ...extraArgs,
  ];
  const cli = (...command: string[]) => run('redis-cli', ['-p', String(port), ...command]);

  const start = async (): Promise<void> => {
    await run('redis-server', args);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const answer = await cli('ping').catch(() => ({ stdout: '' }));
      if (answer.stdout.trim() === 'PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server on port ${port} did not answer`);
  };
  // redis-cli exits non-zero when the server is already gone; either way it is down after.
  const shutdown = () => cli('shutdown', 'nosave').catch(() => undefined);

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      await shutdown();
      await start();
    },
    async stop() {
      await shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
