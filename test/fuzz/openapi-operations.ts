import { IN_MEMORY } from 'src/config/jwt-secret';
import { startBuilt } from '../support/built-server';

/** The slice of OpenAPI 3 the fuzzer reads: enough to derive invalid input from the document. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Array<Record<string, unknown>>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  /** `PATCH /api/events/{id}`: how failures name the operation. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, `/api/events/{id}`. */
  path: string;
  /** Placeholders of the template, in order (the document does not declare them all). */
  pathParams: string[];
  query: Parameter[];
  /** The JSON body's schema, resolved; absent when the operation takes no body. */
  body?: Schema;
  /**
   * Refuses anonymous callers: it takes a token or an API key, and no `{}` requirement makes them
   * optional. (`/metrics` names its own scheme, which only applies when METRICS_TOKEN is set.)
   */
  secured: boolean;
  /** Errors are JSON:API documents rather than problems. */
  jsonApi: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Follows `$ref` and the `allOf: [ref]` wrapper the Swagger plugin uses for nullable objects. */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, { ...doc.components.schemas[name], nullable: schema.nullable });
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolve(doc, allOf[0]), ...rest, type: rest.type ?? 'object' };
  }
  return schema;
}

const isSecured = (security: Array<Record<string, unknown>>) =>
  security.some((entry) => 'bearer' in entry) &&
  !security.some((entry) => Object.keys(entry).length === 0);

const placeholders = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): Operation => {
      const raw = item[method];
      const body = raw.requestBody?.content['application/json']?.schema;
      return {
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: placeholders(path),
        query: (raw.parameters ?? []).filter((parameter) => parameter.in === 'query'),
        body: body && resolve(doc, body),
        secured: isSecured(raw.security ?? []),
        jsonApi: path.startsWith('/registrations/v2'),
      };
    }),
  );
}

/**
 * The OpenAPI document as shipped, from the built server's `/docs-json`: the Swagger CLI plugin,
 * which describes every DTO property, runs in `nest build` only, so the app the test runner
 * compiles serves a document without them (run `npm run build` first; `npm test` does).
 */
export async function fetchShippedDocument(): Promise<OpenApiDocument> {
  const server = await startBuilt({ DATA_DIR: IN_MEMORY }, 120_000);
  try {
    const response = await fetch(`${server.url}/docs-json`);
    if (!response.ok) throw new Error(`/docs-json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  } finally {
    await server.stop();
  }
}
