import { ATTENDEE_STATUSES, requireTransition, TransitionError } from './attendee-status';

describe('attendee status transitions', () => {
  it.each([
    ['PENDING', 'CONFIRMED', 'attendee'],
    ['CONFIRMED', 'PENDING', 'attendee'],
    ['CONFIRMED', 'CANCELLED', 'attendee'],
    ['CANCELLED', 'CONFIRMED', 'attendee'],
    ['WAITING_LIST', 'CANCELLED', 'attendee'],
    ['CONFIRMED', 'ATTENDED', 'manager'],
    ['ATTENDED', 'CONFIRMED', 'manager'],
    ['WAITING_LIST', 'CONFIRMED', 'system'],
    ['PENDING', 'CANCELLED', 'system'],
  ] as const)('allows %s → %s by %s', (from, to, actor) => {
    expect(() => requireTransition(from, to, actor)).not.toThrow();
  });

  it.each([
    ['CONFIRMED', 'ATTENDED', 'attendee'],
    ['WAITING_LIST', 'CONFIRMED', 'attendee'],
    ['ATTENDED', 'CANCELLED', 'manager'],
    ['CANCELLED', 'ATTENDED', 'manager'],
    ['CANCELLED', 'WAITING_LIST', 'manager'],
    ['PENDING', 'WAITING_LIST', 'manager'],
  ] as const)('refuses %s → %s by %s with a 409 naming both states', (from, to, actor) => {
    let error: unknown;
    try {
      requireTransition(from, to, actor);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TransitionError);
    expect(error).toMatchObject({ status: 409, extensions: { from, to } });
    expect((error as Error).message).toContain(`from ${from} to ${to}`);
  });

  it('treats staying in the same status as no change', () => {
    for (const status of ATTENDEE_STATUSES)
      expect(() => requireTransition(status, status, 'attendee')).not.toThrow();
  });
});
