import type { LoadScenario } from './scenario.ts';

/** Seed 000's event read, which embeds every attendance (200 here) with its user and membership. */
export const eventDetail: LoadScenario = {
  kind: 'load',
  name: 'event-detail',
  summary: 'GET /api/events/{id} (seed 000) of an event with 200 attendances',
  workload: ({ fixture }) =>
    Promise.resolve({
      method: 'GET',
      next: () => ({ path: `/api/events/${fixture.detailEventId}` }),
      expect: [200],
    }),
  sameBody: true,
};
