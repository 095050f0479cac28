import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuiltServer, startBuilt } from '../support/built-server';

/** The bash block between the tour markers of README.md, exactly as users read it. */
function tourScript(): string {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = /<!-- tour:start -->([\s\S]*?)<!-- tour:end -->/.exec(readme)?.[1];
  const script = section && /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!script)
    throw new Error(
      'README.md has no tour block between <!-- tour:start --> and <!-- tour:end -->',
    );
  return script;
}

describe('the README quick tour', () => {
  let dir: string;
  let server: BuiltServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'turnout-tour-'));
    server = await startBuilt({ DATA_DIR: join(dir, 'data') });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs from start to end against a fresh server: a signup manager, a read-only key, a scanned attendee', () => {
    // -e and pipefail: any command that fails (curl --fail-with-body on a 4xx/5xx) fails the tour.
    const run = spawnSync(
      'bash',
      [
        '--norc',
        '--noprofile',
        '-euo',
        'pipefail',
        '-c',
        [
          tourScript(),
          'echo',
          'echo "MANAGERS=$(curl -sS "$API/api/events/$EVENT/managers" -H "authorization: Bearer $ADA")"',
          'echo "ATTENDEES=$(curl -sS -g "$P/attendees?include=credentials" -H "X-Api-Key: $KEY")"',
        ].join('\n'),
      ],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, API: server.url },
        encoding: 'utf8',
      },
    );

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const managers = JSON.parse(/MANAGERS=(.*)/.exec(run.stdout)![1]) as Array<{ email: string }>;
    expect(managers.map((m) => m.email)).toEqual(['charles@example.com']);
    expect(run.stdout).toContain('"title":"Annual Tech Conference"');
    const attendees = JSON.parse(/ATTENDEES=(.*)/.exec(run.stdout)![1]) as {
      data: Array<{ first_name: string; status: string; credentials: unknown[] }>;
    };
    expect(attendees.data).toEqual([
      expect.objectContaining({
        first_name: 'Jane',
        status: 'ATTENDED',
        credentials: [expect.anything()],
      }),
    ]);
  });
});
