import { FIRST_NAMES, LAST_NAMES } from '../lib/seed-data.ts';
import type { Workload } from '../lib/load.ts';
import type { LoadScenario, Run } from './scenario.ts';

/** A seed 002 registration of a person nobody has seen before (a new external user each time). */
export function newcomer(occurrenceId: string, run: Run, sequence: number) {
  const firstName = FIRST_NAMES[sequence % FIRST_NAMES.length];
  const lastName = LAST_NAMES[(sequence >> 3) % LAST_NAMES.length];
  const key = `${run.tag}-${sequence}`;
  return {
    occurrenceId,
    externalUserId: `crm-${key}`,
    fields: {
      email: `${firstName}.${lastName}.${key}@newcomers.example.com`.toLowerCase(),
      firstName,
      lastName,
      phone: `+1-415-555-${String(sequence % 10_000).padStart(4, '0')}`,
      source: 'web',
    },
  };
}

export const registerWorkload = (occurrenceId: string, run: Run): Workload => ({
  method: 'POST',
  next: (sequence) => ({
    path: '/api/v1/event-registrations',
    body: newcomer(occurrenceId, run, sequence),
  }),
  expect: [201],
});

export const register: LoadScenario = {
  kind: 'load',
  name: 'register',
  summary:
    'POST /api/v1/event-registrations into an occurrence with 10,000,000 seats, a new external user each time',
  workload: ({ fixture }, run) => Promise.resolve(registerWorkload(fixture.roomyOccurrenceId, run)),
  sameBody: false,
};
