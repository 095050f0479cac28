import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server measured by the benchmark, running as a process of its own. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** The last lines it wrote (stdout and stderr), for error reports. */
  output(): string;
  /** Calls `listener` with each line it writes from now on; returns a function that stops it. */
  onLine(listener: (line: string) => void): () => void;
  /** Its peak resident memory since it started, in bytes (the kernel's high-water mark). */
  peakRss(): number;
  /** Its peak resident memory since the last call (polled every 250 ms), in bytes. */
  peakRssSinceLastCall(): number;
  stop(): Promise<void>;
}

const KEEP_OUTPUT = 200_000;

/** A TCP port free right now (the server takes it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

/** A memory figure of the process from /proc (VmRSS now, VmHWM its peak), in bytes; 0 without /proc. */
function memory(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
    return kilobytes ? Number(kilobytes) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`It exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`Not ready after two minutes:\n${output()}`);
}

/** Starts `node <script>` with exactly `env` (plus PATH) and waits until /health/ready answers 200. */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partial = '';
  const listeners = new Set<(line: string) => void>();
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-KEEP_OUTPUT);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const listener of listeners) listener(line);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let recent = 0;
  const sampler = setInterval(() => (recent = Math.max(recent, memory(child.pid!, 'VmRSS'))), 250);
  sampler.unref();
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    clearInterval(sampler);
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${(error as Error).message}`, { cause: error });
  }
  return {
    name,
    url,
    pid: child.pid!,
    output: () => output,
    onLine: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    peakRss: () => memory(child.pid!, 'VmHWM'),
    peakRssSinceLastCall: () => {
      const peak = Math.max(recent, memory(child.pid!, 'VmRSS'));
      recent = 0;
      return peak;
    },
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode === null) child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
