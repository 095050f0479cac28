import { NestFactory } from '@nestjs/core';
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { parseBracketQuery } from '@turnout/common/http/bracket-query';
import { JSON_API_MEDIA_TYPE } from '@turnout/common/jsonapi/document';
import { assignRequestId, REQUEST_ID_HEADER } from '@turnout/common/http/request-id';
import { ProblemValidationPipe } from '@turnout/common/validation/problem-validation.pipe';
import type { AppConfig } from 'src/config/app-config';
import { MetricsService } from 'src/modules/metrics/metrics.service';
import { AppModule } from 'src/app.module';
import { setUpOpenApi } from './openapi';
import { refuseUnroutable } from './refuse-unroutable';
import { SecuredFastifyAdapter } from './secured-fastify-adapter';

/** The Fastify adapter: body limit, request ids and proxy trust come from the configuration. */
export function createAdapter(config: AppConfig): FastifyAdapter {
  const adapter: SecuredFastifyAdapter = new SecuredFastifyAdapter({
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    genReqId: assignRequestId,
    // Let in-flight requests finish on close, but drop idle keep-alive sockets at once.
    forceCloseConnections: 'idle',
    // Requests already read when closing starts are answered, not refused with Fastify's
    // plain-JSON 503 (every error Turnout sends is a problem).
    return503OnClosing: false,
    logger: false,
    // `filter[email]=…`, `fields[Attendee]=…`: the bracket notation the seed APIs document.
    routerOptions: { querystringParser: parseBracketQuery },
    // Fastify answers URLs it cannot route itself: make those problems too, security headers included.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      adapter.secure(request, reply);
      refuseUnroutable(error, request, reply);
    },
  });
  return adapter;
}

/** Everything an app needs beyond its modules; shared by `main.ts` and the end-to-end tests. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.useGlobalPipes(new ProblemValidationPipe());
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      // Swagger UI is served from 'self' and inlines styles (allowed by default). It runs on plain
      // http on a laptop, where upgrading its requests to https would break it.
      directives: { 'upgrade-insecure-requests': null },
    },
  });
  app.enableCors({
    origin: config.http.corsOrigins === '*' ? '*' : config.http.corsOrigins,
    credentials: false,
    // @fastify/cors allows only GET, HEAD and POST unless told: browsers could not PUT, PATCH or DELETE.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: [
      'X-Request-Id',
      'X-Total-Count',
      'Link',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // While shutting down, end each kept-alive connection with its last answer, instead of waiting
  // for the client's idle timeout.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    // JSON:API forbids media type parameters; Fastify adds `; charset=utf-8` to what it serialises.
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith(`${JSON_API_MEDIA_TYPE};`)) {
      void reply.header('content-type', JSON_API_MEDIA_TYPE);
    }
    done(null, payload);
  });
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    // Unmatched URLs share one label so scanners cannot blow up the series count.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  setUpOpenApi(app);
  await app.init();
  // JSON is the only body Turnout reads. A form or plain-text body (which browsers send across
  // origins without a CORS preflight) is a 415, not a record of strings that might validate.
  fastify.removeContentTypeParser(['application/x-www-form-urlencoded', 'text/plain']);
}

/** Builds the configured app (tests build theirs with `configureApp`, around extra fixtures). */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createAdapter(config),
    {
      bufferLogs: true,
    },
  );
  await configureApp(app, config);
  return app;
}
