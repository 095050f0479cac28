import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

type SecurityHook = Parameters<FastifyAdapter['registerSecurityHook']>[0];

/**
 * Nest's Fastify adapter, keeping the hook of `app.useSecurityHeaders()` at hand: the answers
 * Fastify's router gives before any hook runs (`frameworkErrors`) need the security headers too.
 * Nest's own `frameworkErrors` handler applies them; Turnout replaces it to answer problems.
 */
export class SecuredFastifyAdapter extends FastifyAdapter {
  private headersHook?: SecurityHook;

  override registerSecurityHook(hook: SecurityHook): void {
    this.headersHook = hook;
    super.registerSecurityHook(hook);
  }

  /** Sets the security headers on an answer no hook has run for. */
  secure(request: FastifyRequest, reply: FastifyReply): void {
    this.headersHook?.(request, reply.raw);
  }
}
