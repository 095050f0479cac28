import { SEARCH_TERMS } from '../lib/seed-data.ts';
import type { LoadScenario } from './scenario.ts';

/**
 * The seed 002 search over every registration the organizer can see (all 500,000): terms that hit
 * names, emails and phone numbers, in turn.
 */
export const search: LoadScenario = {
  kind: 'load',
  name: 'search',
  summary: `GET /api/v1/event-registrations?search=<term>&limit=25, terms ${SEARCH_TERMS.map((t) => `"${t}"`).join(', ')}`,
  workload: () =>
    Promise.resolve({
      method: 'GET',
      next: (sequence) => ({
        path: `/api/v1/event-registrations?search=${encodeURIComponent(SEARCH_TERMS[sequence % SEARCH_TERMS.length])}&limit=25`,
      }),
      expect: [200],
    }),
  sameBody: true,
};
