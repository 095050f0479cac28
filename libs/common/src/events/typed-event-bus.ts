import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from '@mikro-orm/core';

/**
 * `@OnEvent` options for listeners that work inside the emitter's transaction: awaited, and their
 * errors propagate (EventEmitter2's Nest wrapper swallows them by default), so a failing listener
 * rolls back the change that raised the event.
 */
export const TRANSACTIONAL_LISTENER = { promisify: true, suppressErrors: false } as const;

/** Passed to listeners beside the payload: the unit of work the change happened in. */
export interface EmitContext {
  /** The transaction's EntityManager: listeners that write (a webhook outbox) write in it. */
  em: EntityManager;
}

/**
 * A thin typed wrapper over EventEmitter2: `Events` maps each event name to its payload. Emitting
 * awaits every listener inside the caller's transaction, so what they write commits or rolls back
 * with the change that caused it.
 */
export class TypedEventBus<Events extends object> {
  constructor(private readonly emitter: EventEmitter2) {}

  async emit<Name extends keyof Events & string>(
    name: Name,
    payload: Events[Name],
    context: EmitContext,
  ): Promise<void> {
    await this.emitter.emitAsync(name, payload, context);
  }
}
