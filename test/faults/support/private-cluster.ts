import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Where `initdb` and `pg_ctl` live: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin
 * (Debian and Ubuntu keep them off the PATH), else the PATH. Undefined when there are none.
 */
export function postgresBinaries(): string | undefined {
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin'))
    : [];
  const candidates = [process.env.PG_BIN, ...debian, ...(process.env.PATH ?? '').split(':')].filter(
    (dir): dir is string => Boolean(dir),
  );
  return candidates.find((dir) => ['initdb', 'pg_ctl'].every((bin) => existsSync(join(dir, bin))));
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` OS user. */
const asRoot = process.getuid?.() === 0;
const id = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres']).toString());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away PostgreSQL cluster of the test's own (trust auth, a free port, sockets in its
 * directory), so a test can stop and start the server without touching the machine's shared one.
 */
export class PrivateCluster {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(bin: string): Promise<PrivateCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'turnout-faults-pg-'));
    if (asRoot) chownSync(dir, id('-u'), id('-g'));
    const cluster = new PrivateCluster(bin, dir, await freePort());
    try {
      // -N: a scratch cluster need not wait for the disk.
      await cluster.pg('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '-N']);
      await cluster.start();
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
    return cluster;
  }

  /** The server-level URL (its `postgres` database), as createDatabase expects. */
  get serverUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    return this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      this.logFile,
      '-o',
      options,
      '-w',
      'start',
    ]);
  }

  /** A fast shutdown: open sessions are terminated (57P01), new connections refused. */
  stop(): Promise<void> {
    return this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir() {
    return join(this.dir, 'data');
  }

  private get logFile() {
    return join(this.dir, 'server.log');
  }

  private async pg(command: string, args: string[]): Promise<void> {
    const path = join(this.bin, command);
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
      : [path, args];
    await run(file, argv, { cwd: this.dir });
  }
}
