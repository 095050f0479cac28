import { request } from 'node:http';

/**
 * A request sent byte for byte: the path is not normalised (`..` and bad escapes reach the server
 * as written) and a body goes without a content type unless one is given, which supertest and
 * fetch would both "fix".
 */
export interface RawRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Percent-encodes any text; a lone surrogate, which has no UTF-8 form, goes as U+FFFD. */
export const encode = (text: string) => encodeURIComponent(text.toWellFormed());

const encodeQuery = (pairs: Array<[string, string]>) =>
  pairs.length === 0
    ? ''
    : `?${pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')}`;

/** Where `request` goes, for failure reports: `GET /api/events?page=0`. */
export const describeRequest = (raw: RawRequest) =>
  `${raw.method} ${raw.path}${encodeQuery(raw.query)}`.slice(0, 300);

/** Sends `raw` to the server listening at `origin` (`http://127.0.0.1:port`). */
export function sendRaw(origin: string, raw: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        // A fresh connection each time: a refusal that closes its socket cannot fail the next one.
        agent: false,
        host: hostname,
        port,
        method: raw.method,
        path: `${raw.path}${encodeQuery(raw.query)}`,
        headers: {
          ...raw.headers,
          ...(raw.body ? { 'content-length': String(raw.body.length) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}
