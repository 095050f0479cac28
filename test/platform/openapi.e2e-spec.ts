import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type BuiltServer, startBuilt } from '../support/built-server';

/** Refresh with `npm run openapi:snapshot` after an intended API change, and review the diff. */
const SNAPSHOT = join(__dirname, '..', 'openapi.snapshot.json');
const UPDATE = process.env.UPDATE_OPENAPI_SNAPSHOT === '1';
/** The operations anyone may call without credentials; every other one must declare its security. */
const PUBLIC_OPERATIONS = [
  'get /health/live',
  'get /health/ready',
  'post /api/auth/register',
  'post /api/auth/login',
  'get /api/attendances',
  'get /api/categories',
  'get /api/categories/{id}',
];

type Operation = { security?: unknown[]; responses: Record<string, unknown>; tags?: string[] };

// Read from the built server: the Swagger CLI plugin runs in `nest build`, so that is the spec we ship.
describe('the OpenAPI document', () => {
  let server: BuiltServer;
  let dataDir: string;
  let spec: {
    info: { version: string; title: string };
    paths: Record<string, Record<string, Operation>>;
  } & Record<string, unknown>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'turnout-openapi-'));
    server = await startBuilt({ DATA_DIR: dataDir });
    const res = await fetch(`${server.url}/docs-json`);
    expect(res.status).toBe(200);
    spec = (await res.json()) as typeof spec;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves Swagger UI at /docs, with its assets', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
      expect(html).toContain(asset);
      expect((await fetch(`${server.url}/docs/${asset}`)).status).toBe(200);
    }
  });

  it('matches the committed snapshot', () => {
    const live = `${JSON.stringify(spec, null, 2)}\n`;
    if (UPDATE || !existsSync(SNAPSHOT)) {
      if (!UPDATE) throw new Error(`No snapshot at ${SNAPSHOT}: run npm run openapi:snapshot`);
      writeFileSync(SNAPSHOT, live);
    }
    expect(JSON.parse(live)).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });

  it('is titled Turnout API, versioned from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
    expect(spec.info.title).toBe('Turnout API');
    expect(spec.info.version).toBe(pkg.version);
  });

  it('declares bearer-JWT and API-key security schemes and the problem schema', () => {
    const components = spec.components as {
      securitySchemes: Record<
        string,
        { type: string; scheme?: string; in?: string; name?: string }
      >;
      schemas: Record<string, { properties: Record<string, unknown> }>;
    };
    expect(components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(components.securitySchemes['api-key']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Key',
    });
    expect(Object.keys(components.schemas.ProblemDto.properties)).toEqual(
      expect.arrayContaining([
        'type',
        'title',
        'status',
        'detail',
        'instance',
        'requestId',
        'errors',
      ]),
    );
  });

  it('marks every operation but the public ones as secured, with a 401 documented', () => {
    const unsecured: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if ((operation.security ?? []).length === 0) unsecured.push(`${method} ${path}`);
        else
          expect({ operation: `${method} ${path}`, has401: '401' in operation.responses }).toEqual({
            operation: `${method} ${path}`,
            has401: true,
          });
      }
    }
    expect(unsecured.sort()).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it('turns DTO doc comments into schema descriptions (the Swagger CLI plugin ran)', () => {
    const { schemas } = spec.components as {
      schemas: Record<string, { properties: Record<string, { description?: string }> }>;
    };
    expect(schemas.UserDto.properties.externalId.description).toBe(
      "The integrator's own id for this user, unique within the organization.",
    );
  });

  it('tags every operation', () => {
    for (const operations of Object.values(spec.paths)) {
      for (const operation of Object.values(operations))
        expect(operation.tags?.length).toBeGreaterThan(0);
    }
  });
});
