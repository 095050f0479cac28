import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The production entry point; `npm test` builds it first (the `pretest` script). */
export const MAIN = join(process.cwd(), 'dist', 'src', 'main.js');

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Sends `signal` and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Resolves with the exit code (null when a signal ended it) once the process is gone. */
  exited: Promise<number | null>;
}

const LISTENING = /listening on (http:\/\/localhost:\d+)/;

/** Runs a built script (default `dist/src/main.js`) with the given environment and nothing of the test runner's. */
export function runBuilt(
  env: Record<string, string>,
  script = MAIN,
  args: string[] = [],
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  if (!existsSync(script)) {
    throw new Error(`${script} is missing: run npm run build (npm test does it)`);
  }
  const child = spawn(process.execPath, [script, ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH, LOG_FORMAT: 'json', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/**
 * Starts the built server and waits until it logs the address it listens on: on the embedded
 * database a first start runs every migration, over 45 s on a busy machine.
 */
export async function startBuilt(
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<BuiltServer> {
  const { child, output, exited } = runBuilt(env);
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    url = LISTENING.exec(output())?.[1];
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
