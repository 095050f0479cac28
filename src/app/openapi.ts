import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '@turnout/common/openapi/problem.dto';

import { APP_VERSION as version } from './version';

const DESCRIPTION = `Turnout is an open-source event-registration and attendee-management service.

Every error is \`application/problem+json\` (RFC 9457) with a stable \`type\`, the \`requestId\`
(also sent as \`X-Request-Id\`) and, for validation failures, an \`errors\` array of
\`{ pointer, message }\`.

Authenticate with \`Authorization: Bearer <access token>\` (from \`POST /api/auth/login\`), or with an
organization API key as \`X-Api-Key: tk_…\` or \`Authorization: Bearer tk_…\`. Lists take \`page\` and
\`perPage\` (at most 100) and answer \`{ data, meta: { page, perPage, total, totalPages } }\`.`;

const TAGS: Array<[string, string]> = [
  ['auth', 'Register, log in, and who the caller is'],
  ['users', 'Profiles, roles, activation and memberships'],
  ['organizations', 'Organizations (teams)'],
  ['api-keys', 'Server-to-server credentials of an organization'],
  ['events', 'Events, their occurrences and signup managers'],
  ['categories', 'Event categories of an organization'],
  ['attendances', 'Seed 000: users’ attendances of events (CONFIRMADO / PENDIENTE / CANCELADO)'],
  ['event-registrations', 'Seed 002 (ONLIVE.SITE): registrations for occurrences, by integrators'],
  ['health', 'Liveness and readiness probes'],
  ['metrics', 'Prometheus metrics'],
];

/** The OpenAPI document of the running app. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Turnout API')
    .setVersion(version)
    .setDescription(DESCRIPTION)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .addSecurity('metrics-token', { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  return SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDto, FieldErrorDto],
    operationIdFactory: (controller, method) =>
      `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/** Swagger UI at /docs, the document at /docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Turnout API',
    swaggerOptions: { persistAuthorization: true },
  });
}
