import { isDeepStrictEqual } from 'node:util';
import type { LoadScenario, ScenarioContext, Side } from '../scenarios/scenario.ts';

interface Answer {
  status: number;
  total: string | null;
  body: unknown;
}

async function ask(
  scenario: LoadScenario,
  context: ScenarioContext,
  side: Side,
  url: string,
): Promise<Answer> {
  const workload = await scenario.workload(context, {
    side,
    tag: `${scenario.name}-probe-${side}`,
    warmup: true,
  });
  const { path, body } = workload.next(0);
  const response = await fetch(`${url}${path}`, {
    method: workload.method,
    headers: { authorization: `Bearer ${context.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    total: response.headers.get('x-total-count'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

/** Every key path of a JSON value (`data[].credentials[].value`): its shape, whatever its values. */
function shape(value: unknown, path = ''): Set<string> {
  const paths = new Set<string>();
  if (Array.isArray(value)) {
    for (const item of value) for (const inner of shape(item, `${path}[]`)) paths.add(inner);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      paths.add(`${path}.${key}`);
      for (const nested of shape(inner, `${path}.${key}`)) paths.add(nested);
    }
  }
  return paths;
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((path) => !b.has(path));

/**
 * Sends the scenario's first request to each server and compares the answers: a read must be
 * answered with the very same body (and total), a write with the same fields. This keeps the
 * baseline honest: it does the same job. Answers a description of the disagreement, if any.
 */
export async function checkAlike(
  scenario: LoadScenario,
  context: ScenarioContext,
  urls: Record<Side, string>,
): Promise<string | undefined> {
  const turnout = await ask(scenario, context, 'turnout', urls.turnout);
  const baseline = await ask(scenario, context, 'baseline', urls.baseline);
  if (turnout.status !== baseline.status) {
    return `status ${turnout.status} from Turnout, ${baseline.status} from the baseline: ${JSON.stringify(baseline.body).slice(0, 300)}`;
  }
  if (turnout.total !== baseline.total) {
    return `X-Total-Count ${turnout.total} from Turnout, ${baseline.total} from the baseline`;
  }
  if (scenario.sameBody) {
    return isDeepStrictEqual(turnout.body, baseline.body)
      ? undefined
      : `different bodies: Turnout ${JSON.stringify(turnout.body).slice(0, 400)} … baseline ${JSON.stringify(baseline.body).slice(0, 400)}`;
  }
  const [ours, theirs] = [shape(turnout.body), shape(baseline.body)];
  const missing = difference(ours, theirs);
  const extra = difference(theirs, ours);
  if (missing.length === 0 && extra.length === 0) return undefined;
  return `different fields: the baseline lacks ${missing.join(', ') || 'nothing'} and adds ${extra.join(', ') || 'nothing'}`;
}
