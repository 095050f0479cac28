import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's name and CPU time (user + system, all its threads) in ms; undefined once it is gone. */
function processCpu(pid: number | string): { name: string; ms: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (name) state …`: the name may hold spaces and parentheses, the fields follow the last ')'.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return {
      name: stat.slice(stat.indexOf('(') + 1, close),
      ms: (ticks * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** CPU time of every PostgreSQL process of this machine (backends, autovacuum, checkpointer…). */
function postgresCpu(): Map<string, number> {
  const times = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = processCpu(entry);
    if (cpu?.name === 'postgres') times.set(entry, cpu.ms);
  }
  return times;
}

/** CPU spent during a run: by the server's process, and by PostgreSQL on its behalf. */
export interface CpuUse {
  serverMs: number;
  postgresMs: number;
}

/**
 * Starts counting the CPU time of `pid` and of PostgreSQL; the returned function answers what
 * was spent since. PostgreSQL processes that exit meanwhile are missed (backends of a pool stay);
 * anything else PostgreSQL does at the time (autovacuum) counts, so runs on an idle machine only.
 */
export function startCpuCount(pid: number): () => CpuUse {
  const server = processCpu(pid)?.ms ?? 0;
  const postgres = postgresCpu();
  return () => {
    let postgresMs = 0;
    for (const [id, ms] of postgresCpu()) postgresMs += ms - (postgres.get(id) ?? 0);
    return { serverMs: (processCpu(pid)?.ms ?? server) - server, postgresMs };
  };
}
