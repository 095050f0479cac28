import { credentialValue } from '../lib/seed-data.ts';
import type { LoadScenario } from './scenario.ts';

/** The next unscanned credential, across every run: each scan is an attendee's first entry. */
let scanned = 0;

/**
 * Door scans by credential value, each a different attendee's first entry (which makes them
 * ATTENDED). Runs share one supply of the project's credentials; when it runs out (quick mode's
 * small project) scans start again from the first, and are re-entries.
 */
export const checkIn: LoadScenario = {
  kind: 'load',
  name: 'check-in',
  summary: 'POST .../check-ins by credential value, each an attendee’s first entry',
  workload: ({ fixture }) =>
    Promise.resolve({
      method: 'POST',
      next: () => ({
        path: `/api/v1/projects/${fixture.organization.slug}/${fixture.project.slug}/check-ins`,
        body: {
          credential_value: credentialValue(1 + (scanned++ % fixture.project.attendees)),
          direction: 'in',
          gate: 'North entrance',
        },
      }),
      expect: [201],
    }),
  sameBody: false,
};
