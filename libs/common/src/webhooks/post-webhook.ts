import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  ForbiddenTargetError,
  isForbiddenAddress,
  safeLookup,
  urlHostAddress,
} from './safe-target';

export interface WebhookRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  /** The exact body that was signed. */
  body: string;
  /** For the whole exchange: name resolution, connecting, sending and reading the response. */
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  /** The receiver's answer is kept for diagnostics only; the rest is not read. */
  maxResponseBytes?: number;
}

export interface WebhookResponse {
  /** Set whenever the response head arrived, even when reading the body then failed. */
  status: number | null;
  headers: Record<string, string>;
  /** At most `maxResponseBytes` of the response body, as UTF-8. */
  body: string;
  latencyMs: number;
  /** Why the exchange did not complete: refused target, network error, timeout. */
  error: string | null;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('; ');
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code);
  return String(error);
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Keep-alive connections for webhooks only, one pair of agents per SSRF policy. Every socket in
 * them was opened through `safeLookup` (or to a literal address judged before connecting), so
 * reusing one never reaches an address the policy forbids; no other code shares these pools.
 */
const pools = new Map<boolean, { http: HttpAgent; https: HttpsAgent }>();

function agentsFor(allowPrivateNetworks: boolean) {
  let agents = pools.get(allowPrivateNetworks);
  if (!agents) {
    const options = {
      // Node closes an idle socket a second before the receiver's `Keep-Alive: timeout` hint; a
      // receiver that closes one without a hint costs a resend (below), not a failed attempt.
      keepAlive: true,
      maxFreeSockets: 64,
      lookup: safeLookup(allowPrivateNetworks),
    };
    agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };
    pools.set(allowPrivateNetworks, agents);
  }
  return agents;
}

/**
 * Closes the idle kept-alive webhook connections (at shutdown). Connections in use are left to
 * finish: another app in the same process (tests run several) may still be sending on them.
 */
export function closeWebhookConnections(): void {
  for (const { http, https } of pools.values()) {
    for (const agent of [http, https]) {
      for (const sockets of Object.values(agent.freeSockets)) {
        for (const socket of sockets ?? []) socket.destroy();
      }
    }
  }
}

/**
 * One POST of a webhook. Never follows redirects (a 3xx is just the answer), never reaches a
 * forbidden address unless allowed, and never throws: every failure comes back as `error`.
 */
export async function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const response: WebhookResponse = {
    status: null,
    headers: {},
    body: '',
    latencyMs: 0,
    error: null,
  };
  const error = await exchange(request, response).then(
    () => null,
    (failure: unknown) => {
      // A kept-alive socket the receiver closed as we reused it: that was no attempt, send again.
      if (failure instanceof StaleSocketError) {
        return exchange(request, response, { fresh: true }).then(
          () => null,
          (again: unknown) => describe(again),
        );
      }
      return describe(failure);
    },
  );
  return { ...response, latencyMs: Math.round(performance.now() - started), error };
}

class StaleSocketError extends Error {}

/** Sends the request and fills in `response` as it arrives; rejects on the first failure. */
async function exchange(
  request: WebhookRequest,
  response: WebhookResponse,
  { fresh = false } = {},
): Promise<void> {
  const { body, timeoutMs, allowPrivateNetworks, maxResponseBytes = 4096 } = request;
  const target = URL.parse(request.url);
  if (target?.protocol !== 'https:' && target?.protocol !== 'http:') {
    throw new Error('Not an http(s) URL');
  }
  // Node connects to literal IPs without calling `lookup`, so they are judged here.
  const host = urlHostAddress(target);
  if (!allowPrivateNetworks && isIP(host) && isForbiddenAddress(host)) {
    throw new ForbiddenTargetError(host, host);
  }

  const https = target.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  const agents = agentsFor(allowPrivateNetworks);
  const req = send(target, {
    method: 'POST',
    headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup: safeLookup(allowPrivateNetworks),
    // A retry after a stale kept-alive socket connects anew (and that socket is not pooled).
    agent: fresh ? false : https ? agents.https : agents.http,
  });
  let timer: NodeJS.Timeout | undefined;
  let complete = false;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms`)), timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && response.status === null && error.code === 'ECONNRESET';
        reject(stale ? new StaleSocketError(error.message) : error);
      });
      req.on('response', (res) => {
        response.status = res.statusCode ?? null;
        response.headers = flatten(res.headers);
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          response.body = Buffer.concat(chunks).toString('utf8');
          resolve();
        };
        res.on('data', (chunk: Buffer) => {
          const room = maxResponseBytes - size;
          chunks.push(chunk.subarray(0, room));
          size += Math.min(chunk.length, room);
          if (size >= maxResponseBytes) done();
        });
        res.on('end', () => {
          complete = true;
          done();
        });
        res.on('error', reject);
        res.on('close', () => reject(new Error('The connection closed before the response ended')));
      });
      req.end(body);
    });
  } finally {
    clearTimeout(timer);
    // A response read to its end leaves the socket to the pool; whatever is left unread (a
    // truncated body, a stalled receiver, an error) is dropped with the socket.
    if (!complete) req.destroy();
  }
}
