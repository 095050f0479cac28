import {
  attendanceOfEventLikeE1,
  eventLikeE1,
  occurrenceOfEventLikeE1,
  registrationOfEventLikeE1,
} from './fixtures';
import { all, call, ctx, ids, RO, type Row, UNAUTH as U, unique } from './matrix';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// The owner is the person the attendance or registration is for.

export const REGISTRATION_ROWS: Row[] = [
  // --- seed 000 attendances -------------------------------------------------------------------
  // Attendances of published events are public (seed 000 lists them publicly), so changing one
  // that is not yours answers 403, not 404. Users register themselves; the event's managers
  // register anyone.
  {
    operation: 'GET /api/attendances',
    send: (c) => call(c, 'get', '/api/attendances'),
    expect: all(200),
  },
  {
    operation: 'POST /api/attendances',
    route: 'the owner, into an event like E1',
    arrange: eventLikeE1,
    send: (c, { eventId }) =>
      call(c, 'post', '/api/attendances', {
        userId: ctx.owner.id,
        eventId,
        state: 'CONFIRMADO',
      }),
    expect: [U, 403, 403, 201, 201, 403, 201, 201, 403, 201, RO, 403],
    check: (res) => expect(res.body.userId).toBe(ctx.owner.id),
  },
  {
    operation: 'PUT /api/attendances/{id}',
    route: 'the owner’s, in an event like E1',
    arrange: attendanceOfEventLikeE1,
    send: (c, { attendanceId }) =>
      call(c, 'put', `/api/attendances/${attendanceId}`, { state: 'CANCELADO' }),
    expect: [U, 403, 403, 200, 200, 403, 200, 200, 403, 200, RO, 403],
  },
  {
    operation: 'DELETE /api/attendances/{id}',
    route: 'the owner’s, in an event like E1',
    arrange: attendanceOfEventLikeE1,
    send: (c, { attendanceId }) => call(c, 'delete', `/api/attendances/${attendanceId}`),
    expect: [U, 403, 403, 204, 204, 403, 204, 204, 403, 204, RO, 403],
  },

  // --- seed 002 event registrations ------------------------------------------------------------
  // For the event's managers only: a published event's registrations stay out of reach (404) for
  // whoever cannot manage the event, even the person registered and though the event is public.
  {
    operation: 'POST /api/v1/event-registrations',
    route: 'an occurrence of an event like E1',
    arrange: occurrenceOfEventLikeE1,
    send: (c, { occurrenceId }) =>
      call(c, 'post', '/api/v1/event-registrations', {
        occurrenceId,
        externalUserId: `ext-${unique()}`,
      }),
    expect: [U, 403, 403, 403, 201, 403, 201, 201, 403, 201, RO, 403],
  },
  {
    operation: 'GET /api/v1/event-registrations',
    route: 'the owner’s, in an event like E1',
    arrange: registrationOfEventLikeE1,
    send: (c, { eventId }) => call(c, 'get', `/api/v1/event-registrations?eventId=${eventId}`),
    expect: [U, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    check: (res, c, { registrationId }) => {
      const sees = ['organizerA', 'admin', 'managerE1', 'keyA', 'readKeyA'].includes(c.kind);
      expect(ids(res)).toEqual(sees ? [registrationId] : []);
    },
  },
  {
    operation: 'GET /api/v1/event-registrations/{id}',
    route: 'the owner’s R1, on O1 of E1',
    send: (c) => call(c, 'get', `/api/v1/event-registrations/${ctx.fx.r1}`),
    expect: [U, 404, 404, 404, 200, 404, 200, 200, 404, 200, 200, 404],
    check: (res) => expect(res.body.user.id).toBe(ctx.owner.id),
  },
  {
    operation: 'PUT /api/v1/event-registrations/{id}',
    route: 'the owner’s, in an event like E1',
    arrange: registrationOfEventLikeE1,
    send: (c, { registrationId }) =>
      call(c, 'put', `/api/v1/event-registrations/${registrationId}`, { fields: { note: 'x' } }),
    expect: [U, 404, 404, 404, 200, 404, 200, 200, 404, 200, RO, 404],
  },
  {
    operation: 'DELETE /api/v1/event-registrations/{id}',
    route: 'the owner’s, in an event like E1',
    arrange: registrationOfEventLikeE1,
    send: (c, { registrationId }) =>
      call(c, 'delete', `/api/v1/event-registrations/${registrationId}`),
    expect: [U, 404, 404, 404, 200, 404, 200, 200, 404, 200, RO, 404],
  },
];
