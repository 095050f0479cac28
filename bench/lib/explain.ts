import { setTimeout as sleep } from 'node:timers/promises';
import type { Scenario, ScenarioContext } from '../scenarios/scenario.ts';
import { writeResult } from './report.ts';
import { startTurnout } from './turnout.ts';

/** One statement Turnout ran, as MikroORM logged it (values inlined: MikroORM sends them so). */
interface Statement {
  sql: string;
  tookMs: number;
  /** Whether it ran inside the request (else after it: work deferred until after the commit). */
  inRequest: boolean;
}

const QUERY = /^\[query\] (.*) \[took (\d+) ms(?:, [^\]]*)?\]$/s;
const TRANSACTION_CONTROL =
  /^(begin|commit|rollback|savepoint|release savepoint|rollback to savepoint)\b/i;
const EXPLAINED_PER_REQUEST = 3;

interface Captured {
  request: string;
  status: number;
  ms: number;
  statements: Statement[];
}

/** Sends the scenario's first request to a Turnout that logs its SQL, and collects what it ran. */
async function capture(
  scenario: Extract<Scenario, { kind: 'load' }>,
  context: ScenarioContext,
  turnout: Awaited<ReturnType<typeof startTurnout>>,
): Promise<Captured> {
  const requestId = `explain-${scenario.name}`;
  const statements: Statement[] = [];
  const stop = turnout.onLine((line) => {
    if (!line.startsWith('{')) return;
    const entry = JSON.parse(line) as { msg?: string; req?: { id?: string } };
    const match = QUERY.exec(entry.msg ?? '');
    if (!match || TRANSACTION_CONTROL.test(match[1])) return;
    statements.push({
      sql: match[1],
      tookMs: Number(match[2]),
      inRequest: entry.req?.id === requestId,
    });
  });
  const workload = await scenario.workload(context, {
    side: 'turnout',
    tag: requestId,
    warmup: true,
  });
  const { path, body } = workload.next(0);
  const started = performance.now();
  const response = await fetch(`${turnout.url}${path}`, {
    method: workload.method,
    headers: {
      authorization: `Bearer ${context.token}`,
      'content-type': 'application/json',
      'x-request-id': requestId,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  // Work deferred until after the commit (the live feed) runs just after the response.
  await sleep(500);
  stop();
  return { request: `${workload.method} ${path}`, status: response.status, ms, statements };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement, in a transaction rolled back (writes included). */
async function explain(context: ScenarioContext, sql: string): Promise<string> {
  const client = await context.pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${sql}`,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } catch (error) {
    return `(could not be explained on its own: ${(error as Error).message})`;
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** The statement with its values taken out, so the same statement run 1000 times is one group. */
const normalise = (sql: string) =>
  sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(\.\d+)?\b/g, '?')
    .replace(/\(\?(?:, \?)+\)/g, '(?, …)')
    .replace(/(\(\?, …\))(?:, \(\?, …\))+/g, '$1, …');

interface Group {
  shape: string;
  when: 'request' | 'after';
  count: number;
  totalMs: number;
  slowest: Statement;
}

function groups(statements: readonly Statement[]): Group[] {
  const byShape = new Map<string, Group>();
  for (const statement of statements) {
    const when = statement.inRequest ? 'request' : 'after';
    const shape = normalise(statement.sql);
    const key = `${when} ${shape}`;
    const group = byShape.get(key) ?? { shape, when, count: 0, totalMs: 0, slowest: statement };
    group.count++;
    group.totalMs += statement.tookMs;
    if (statement.tookMs > group.slowest.tookMs) group.slowest = statement;
    byShape.set(key, group);
  }
  return [...byShape.values()];
}

/** A statement as shown in full (a 1000-row INSERT is cut: its shape is what matters). */
const clip = (sql: string) =>
  sql.length > 3000 ? `${sql.slice(0, 3000)} … (${sql.length} characters)` : sql;

const short = (sql: string) =>
  (sql.length > 240 ? `${sql.slice(0, 240)}…` : sql).replace(/\|/g, '\\|').replace(/`/g, "'");

async function section(
  context: ScenarioContext,
  captured: Captured,
  name: string,
): Promise<string> {
  const { statements } = captured;
  const inRequest = statements.filter((s) => s.inRequest).length;
  const all = groups(statements);
  const rows = all.map(
    (g, i) =>
      `| ${i + 1} | ${g.when} | ${g.count} | ${g.totalMs} | ${g.slowest.tookMs} | \`${short(g.shape)}\` |`,
  );
  const slowest = [...all.entries()]
    .sort(([, a], [, b]) => b.totalMs - a.totalMs)
    .slice(0, EXPLAINED_PER_REQUEST);
  const plans: string[] = [];
  for (const [index, group] of slowest) {
    plans.push(
      `### #${index + 1}: ${group.count} × , ${group.totalMs} ms in all as logged\n\n` +
        `\`\`\`sql\n${clip(group.slowest.sql)}\n\`\`\`\n\n\`\`\`\n${await explain(context, group.slowest.sql)}\n\`\`\``,
    );
  }
  return [
    `## ${name}`,
    '',
    `\`${captured.request.slice(0, 200)}\` → ${captured.status} in ${captured.ms.toFixed(0)} ms: ` +
      `${inRequest} statements in the request, ${statements.length - inRequest} in the half second ` +
      'after it (the live feed, the webhook dispatcher); transaction control not counted.',
    '',
    '| # | when | count | total ms | max ms | statement (values taken out) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...plans,
    '',
  ].join('\n');
}

const INTRO = `One request of each scenario, sent to a second Turnout on the benchmark database (seeded,
before any scenario ran) that logs every statement (MIKRO_ORM_DEBUG). Each section lists the
statements that request ran, grouped by shape, with MikroORM's timings (whole milliseconds), then
EXPLAIN (ANALYZE, BUFFERS) of the three groups that took longest, each in a transaction rolled back.
Timings in a log line include the round trip; under load they grow with the queueing.`;

/**
 * \`--explain\`: a second Turnout on the same database logs every statement (MIKRO_ORM_DEBUG); one
 * request of each scenario is sent to it, the statements it ran are listed and the slowest explained
 * (ANALYZE, BUFFERS) on the seeded data. Answers the file written.
 */
export async function explainAll(
  context: ScenarioContext,
  scenarios: readonly Scenario[],
  name: string,
  log: (line: string) => void,
): Promise<string> {
  const turnout = await startTurnout(context.databaseUrl, {
    MIKRO_ORM_DEBUG: 'true',
    LOG_LEVEL: 'info',
  });
  const sections: string[] = [];
  try {
    for (const scenario of scenarios) {
      if (scenario.kind !== 'load') continue;
      log(`  explaining ${scenario.name}`);
      sections.push(
        await section(context, await capture(scenario, context, turnout), scenario.name),
      );
    }
  } finally {
    await turnout.stop();
  }
  return writeResult(
    `${name}.md`,
    [`# Query plans (${name})`, '', INTRO, '', ...sections].join('\n'),
  );
}
