import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from 'src/config/app-config';

// Anything that can carry a credential is removed before a line is written.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.secret',
  // A failed statement's SQL carries its values inlined: password hashes, webhook secrets.
  'err.query',
  'err.params',
];

/** Structured JSON logs (pretty on a terminal), one line per request, with the request id in every line. */
export function loggerOptions(config: AppConfig): Params {
  const pretty =
    config.log.format === 'pretty' || (config.log.format === 'auto' && process.stdout.isTTY);
  return {
    // nestjs-pino's default route, `{/*splat}`, matches nothing under @nestjs/platform-fastify 12.5;
    // `*` matches every request, unknown routes included.
    forRoutes: [{ path: '*', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.log.level,
      // The id chosen by Fastify's genReqId is already on the raw request; pino-http reuses it.
      genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
      customAttributeKeys: { reqId: 'requestId' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          // Query strings can carry tokens or personal data; log the path only.
          url: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/health/ready' },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
