import { ADMIN } from './fault-app';

/** Parsed JSON, as `JSON.parse` types it: the assertions check its shape. */
export type Json = ReturnType<typeof JSON.parse>;

/** What a client got back: an HTTP answer, or the network error (refused, reset, timed out). */
export type Outcome =
  | { kind: 'answer'; status: number; headers: Headers; body: Json }
  | { kind: 'no-answer'; error: string };

/** How long a client waits before giving up on an answer: a hang shows up as `no-answer`. */
export const CLIENT_TIMEOUT_MS = 20_000;

/** A JSON client of one running app, as one caller (a bearer token) or anonymous. */
export class TurnoutClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string): TurnoutClient {
    return new TurnoutClient(this.baseUrl, token);
  }

  /** The same caller on another instance, or on the app started again after a crash. */
  at(baseUrl: string): TurnoutClient {
    return new TurnoutClient(baseUrl, this.token);
  }

  /** Sends the request and reports what came back, never throwing for the network's sake. */
  async send(method: string, path: string, body?: unknown): Promise<Outcome> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const text = await response.text();
      const json = text && response.headers.get('content-type')?.includes('json');
      return {
        kind: 'answer',
        status: response.status,
        headers: response.headers,
        body: json ? JSON.parse(text) : text,
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { kind: 'no-answer', error: cause ?? (error as Error).name };
    }
  }

  /** Sends the request and returns the body, failing with what came back unless it is `status`. */
  async expect(status: number, method: string, path: string, body?: unknown): Promise<Json> {
    const outcome = await this.send(method, path, body);
    if (outcome.kind !== 'answer' || outcome.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${JSON.stringify(
          outcome,
          (_key, value: unknown) => (value instanceof Headers ? undefined : value),
        )}`,
      );
    }
    return outcome.body;
  }
}

/** The first Admin's client, logged in. */
export async function adminClient(baseUrl: string): Promise<TurnoutClient> {
  const login = await new TurnoutClient(baseUrl).expect(200, 'POST', '/api/auth/login', ADMIN);
  return new TurnoutClient(baseUrl, login.accessToken as string);
}

/** An event of a fresh organization: a GxP project, with the paths of the other dialects. */
export interface Project {
  organizationId: string;
  eventId: string;
  /** `/api/v1/projects/{team}/{project}` */
  path: string;
}

export async function createProject(
  admin: TurnoutClient,
  name: string,
  seats: { capacity: number | null; waitlistEnabled: boolean },
): Promise<Project> {
  const slug = `${name}-${Date.now().toString(36)}`;
  const organization = await admin.expect(201, 'POST', '/api/organizations', {
    slug,
    name: `Faults ${slug}`,
  });
  const event = await admin.expect(201, 'POST', '/api/events', {
    organizationId: organization.id,
    slug: name,
    title: `Faults ${name}`,
    status: 'PUBLISHED',
    ...seats,
  });
  return {
    organizationId: organization.id,
    eventId: event.id,
    path: `/api/v1/projects/${slug}/${name}`,
  };
}

/** A webhook subscription of the project's organization; the secret verifies its deliveries. */
export async function subscribe(
  admin: TurnoutClient,
  project: Project,
  url: string,
  events: string[],
): Promise<{ id: string; secret: string }> {
  return admin.expect(201, 'POST', '/api/webhooks', {
    url,
    events,
    organizationId: project.organizationId,
  });
}

/** GxP attendee bodies named `<tag> <index>`, so a batch can be found (or not) afterwards as a whole. */
export const people = (tag: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ first_name: tag, last_name: `${index}` }));
