import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type {
  ChangeResult,
  SandboxCounters,
  SandboxMemory,
  SandboxReady,
  SandboxReply,
  SandboxRequest,
  SandboxSettings,
  SeedResult,
} from './sandbox-protocol.js';

// `npm run bench` runs the compiled files; from the sources (under tsx) the entry is TypeScript.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const ENTRY = fileURLToPath(
  new URL(`./sandbox-process.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url),
);

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
// Omit distributed over the union, so each operation keeps its own fields.
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<SandboxRequest>;

/** The HubSpot sandbox running in a child process, driven over IPC. */
export class SandboxHandle {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: SandboxReply) => this.settle(message));
  }

  /** Starts the sandbox process and waits until it listens. */
  static async start(settings: SandboxSettings): Promise<SandboxHandle> {
    // Explicit execArgv: the parent may run under `--test`, which the child must not inherit.
    const child = fork(ENTRY, [JSON.stringify(settings)], {
      execArgv: FROM_SOURCES ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message: SandboxReady) => resolve(message.url));
      child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
    });
    return new SandboxHandle(child, url);
  }

  seed(count: number, seed: number, chunkSize: number): Promise<SeedResult> {
    return this.request({ op: 'seed', count, seed, chunkSize }) as Promise<SeedResult>;
  }

  change(fraction: number, seed: number): Promise<ChangeResult> {
    return this.request({ op: 'change', fraction, seed }) as Promise<ChangeResult>;
  }

  stats(): Promise<SandboxCounters> {
    return this.request({ op: 'stats' }) as Promise<SandboxCounters>;
  }

  memory(): Promise<SandboxMemory> {
    return this.request({ op: 'memory' }) as Promise<SandboxMemory>;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    await exited;
  }

  private request(body: Request): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...body, id });
    });
  }

  private settle(reply: SandboxReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new Error(`sandbox process: ${reply.error}`));
  }
}
