import { Injectable } from '@nestjs/common';
import type { AuthContext } from 'src/modules/auth/auth-context';

/** Adds members to `GET /api/events/{id}` (seed 000's attendances), from modules that depend on this one. */
export type EventDetailContributor = (
  auth: AuthContext | null,
  eventId: string,
) => Promise<Record<string, unknown>>;

@Injectable()
export class EventDetailsRegistry {
  private readonly contributors: EventDetailContributor[] = [];

  register(contributor: EventDetailContributor): void {
    this.contributors.push(contributor);
  }

  async collect(auth: AuthContext | null, eventId: string): Promise<Record<string, unknown>> {
    const parts = await Promise.all(
      this.contributors.map((contribute) => contribute(auth, eventId)),
    );
    return Object.assign({}, ...parts) as Record<string, unknown>;
  }
}
