import { FIRST_NAMES, LAST_NAMES } from '../lib/seed-data.ts';
import type { Fixture } from '../lib/seed.ts';
import type { LoadScenario } from './scenario.ts';

/** The most a batch may hold, and what the webhooks scenario sends. */
export const BATCH_SIZE = 1000;

/** `size` new attendees for the project, each with an email no one in the project has. */
export function batchOf(fixture: Fixture, key: string, size = BATCH_SIZE) {
  return {
    resources: Array.from({ length: size }, (_, i) => {
      const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
      const lastName = LAST_NAMES[(i >> 2) % LAST_NAMES.length];
      return {
        first_name: firstName,
        last_name: lastName,
        email: `${firstName}.${lastName}.${key}-${i}@import.example.com`.toLowerCase(),
        phone: `+44-20-7946-${String(i).padStart(4, '0')}`,
        attendee_type_id: fixture.project.speakerTypeId,
        custom_fields: { company: `Company ${i % 50}`, t_shirt: 'M', newsletter: i % 2 === 0 },
      };
    }),
  };
}

export const batchPath = (fixture: Fixture) =>
  `/api/v1/projects/${fixture.organization.slug}/${fixture.project.slug}/attendees/batch`;

/**
 * Batches of 1000 attendees (20 in quick mode) into the project, one at a time (one connection):
 * the latency is the time per batch, requests per second the batches per second.
 */
export const batch: LoadScenario = {
  kind: 'load',
  name: 'batch',
  summary: `POST .../attendees/batch of ${BATCH_SIZE} attendees (20 in quick mode), one batch at a time (latency = time per batch)`,
  connections: 1,
  minimumSeconds: 3,
  workload: ({ fixture, options }, run) =>
    Promise.resolve({
      method: 'POST',
      next: (sequence) => ({
        path: batchPath(fixture),
        body: batchOf(fixture, `${run.tag}-${sequence}`, options.batchSize),
      }),
      expect: [201],
    }),
  sameBody: false,
};
