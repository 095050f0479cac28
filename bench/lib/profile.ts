import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) the summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    hitCount: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  startTime: number;
  endTime: number;
}

/** Where a script comes from: its npm package, Turnout's own code, or Node itself. */
function origin(url: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (inPackage) return inPackage;
  const own = /\/dist\/((?:src|libs)\/[^/]+(?:\/[^/]+)?)/.exec(url)?.[1];
  if (own) return own;
  return url.startsWith('node:') ? 'node' : url ? 'other' : '(native, GC, idle)';
}

/** The script's path inside its package or inside dist/, or Node's own name for it. */
const shortUrl = (url: string) =>
  url.replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, '') || '(native)';

const table = (title: string, rows: Array<[string, number]>, total: number) => [
  `| ${title} | self ms | share |`,
  '|---|---|---|',
  ...rows.map(
    ([name, ms]) => `| \`${name}\` | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)} % |`,
  ),
];

/**
 * Where Turnout spent its CPU while the scenarios ran (`--profile`): self time by origin (package
 * or module of Turnout) and the 30 functions with the most self time. Idle time is left out; the
 * profile starts with the process, so start-up (module loading) is in it.
 */
export function summariseProfile(file: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const hits = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, hits);
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const { hitCount, callFrame } of profile.nodes) {
    if (callFrame.functionName === '(idle)' || hitCount === 0) continue;
    const ms = hitCount * msPerHit;
    const where = origin(callFrame.url);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + ms);
    const name = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const busy = [...byOrigin.values()].reduce((sum, ms) => sum + ms, 0);
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()].sort(([, a], [, b]) => b - a).slice(0, count);
  return [
    `Turnout was busy ${(busy / 1000).toFixed(1)} s of the ${((profile.endTime - profile.startTime) / 1e6).toFixed(0)} s profiled.`,
    '',
    ...table('origin', top(byOrigin, 25), busy),
    '',
    ...table('function', top(byFunction, 30), busy),
    '',
  ].join('\n');
}
