import { capturedLogLines } from '../support/log-capture';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/test-app';

export const problemType = (code: string) => `https://turnout.dev/problems/${code}`;

/**
 * The real app with every log line captured (every level, as JSON): each security spec starts
 * one first and ends with `itLogsNoSecrets`, so the whole suite's logs are scanned.
 */
export const startSecurityApp = (options: TestAppOptions = {}): Promise<TestApp> =>
  startTestApp({ ...options, captureLogs: true });

/** A second app for a `describe` (its logs land in the same capture), started before its tests. */
export function useSecurityApp(options: TestAppOptions): () => TestApp {
  let app: TestApp;
  beforeAll(async () => {
    app = await startSecurityApp(options);
  });
  afterAll(() => app.close());
  return () => app;
}

/** Shapes no log line may hold, whoever the secret belonged to. */
const SECRET_SHAPES: [string, RegExp][] = [
  ['a JWT', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*/],
  ['an API key', /tk_[\w-]{20,}/],
  ['a webhook secret', /whsec_[\w+/=-]{8,}/],
  ['a password hash', /\$argon2(id|i|d)\$/],
];

/** The lines holding a secret: a known value, or anything shaped like one. */
export function leakedSecrets(lines: readonly string[], known: readonly string[] = []): string[] {
  return lines.flatMap((line) => [
    ...known.filter((secret) => line.includes(secret)).map((secret) => `"${secret}" in ${line}`),
    ...SECRET_SHAPES.filter(([, shape]) => shape.test(line)).map(([what]) => `${what} in ${line}`),
  ]);
}

/**
 * The last test of a security spec: after everything it did (logins, keys, tokens, failures),
 * no log line holds a token, password, API key, webhook secret or password hash. `known` gives
 * the spec's own plaintext secrets (passwords), which have no recognisable shape.
 */
export function itLogsNoSecrets(known: () => readonly string[] = () => []) {
  it('wrote no token, password, API key, webhook secret or password hash to any log line', () => {
    // The capture works: every request above was logged (a positive control for the scan).
    expect(capturedLogLines.some((line) => line.includes('"request completed"'))).toBe(true);
    expect(leakedSecrets(capturedLogLines, known())).toEqual([]);
  });
}
