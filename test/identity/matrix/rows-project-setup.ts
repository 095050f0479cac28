import { projectLikeE1 } from './fixtures';
import { call, ctx, ids, type Row } from './matrix';
import { FOREIGN_READ, FOREIGN_WRITE, READ, write } from './rows-project-attendees';

// Columns, in order:
//  anonymous | user | member | owner | organizerA | organizerB | admin | managerE1 | managerE2 | keyA | readKeyA | keyB
//
// The same rule as the project's attendees: its managers, its organization's keys (read-only
// ones read) and Admins; anyone else 404 `project-not-found`. Reads go to P1 (E1), writes to a
// fresh project like E1; the "through" rows ask one project for another project's things.

const P = '/api/v1/projects/{teamSlug}/{projectSlug}';

export const PROJECT_SETUP_ROWS: Row[] = [
  // --- attendee types -------------------------------------------------------------------------
  {
    operation: `GET ${P}/attendee-types`,
    route: 'P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendee-types`),
    expect: READ,
    check: (res) => expect(ids(res)).toEqual([ctx.fx.t1]),
  },
  {
    operation: `POST ${P}/attendee-types`,
    route: 'a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path }) => call(c, 'post', `${path}/attendee-types`, { name: 'VIP' }),
    expect: write(201),
  },
  {
    operation: `GET ${P}/attendee-types/{id}`,
    route: 'T1 of P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendee-types/${ctx.fx.t1}`),
    expect: READ,
  },
  {
    operation: `GET ${P}/attendee-types/{id}`,
    route: 'T2 of E2, through P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendee-types/${ctx.fx.t2}`),
    expect: FOREIGN_READ,
  },
  {
    operation: `PATCH ${P}/attendee-types/{id}`,
    route: 'a type of a project like E1',
    arrange: () => projectLikeE1('type'),
    send: (c, { path, typeId }) =>
      call(c, 'patch', `${path}/attendee-types/${typeId}`, { name: 'Staff' }),
    expect: write(200),
  },
  {
    operation: `DELETE ${P}/attendee-types/{id}`,
    route: 'an unused type of a project like E1',
    arrange: () => projectLikeE1('type'),
    send: (c, { path, typeId }) => call(c, 'delete', `${path}/attendee-types/${typeId}`),
    expect: write(204),
  },

  // --- custom fields --------------------------------------------------------------------------
  {
    operation: `GET ${P}/custom-fields`,
    route: 'P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/custom-fields`),
    expect: READ,
    check: (res) => expect(ids(res)).toEqual([ctx.fx.cf1]),
  },
  {
    operation: `POST ${P}/custom-fields`,
    route: 'a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path }) =>
      call(c, 'post', `${path}/custom-fields`, { key: 'company', label: 'Company', type: 'text' }),
    expect: write(201),
  },
  {
    operation: `GET ${P}/custom-fields/{id}`,
    route: 'CF1 of P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/custom-fields/${ctx.fx.cf1}`),
    expect: READ,
  },
  {
    operation: `PATCH ${P}/custom-fields/{id}`,
    route: 'a field of a project like E1',
    arrange: () => projectLikeE1('field'),
    send: (c, { path, fieldId }) =>
      call(c, 'patch', `${path}/custom-fields/${fieldId}`, { label: 'Employer' }),
    expect: write(200),
  },
  {
    operation: `DELETE ${P}/custom-fields/{id}`,
    route: 'a field of a project like E1',
    arrange: () => projectLikeE1('field'),
    send: (c, { path, fieldId }) => call(c, 'delete', `${path}/custom-fields/${fieldId}`),
    expect: write(204),
  },

  // --- groups ---------------------------------------------------------------------------------
  {
    operation: `GET ${P}/groups`,
    route: 'P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/groups`),
    expect: READ,
    check: (res) => expect(ids(res)).toEqual([ctx.fx.g1]),
  },
  {
    operation: `POST ${P}/groups`,
    route: 'a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path }) => call(c, 'post', `${path}/groups`, { name: 'Press' }),
    expect: write(201),
  },
  {
    operation: `GET ${P}/groups/{id}`,
    route: 'G1 of P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/groups/${ctx.fx.g1}`),
    expect: READ,
  },
  {
    operation: `PATCH ${P}/groups/{id}`,
    route: 'a group of a project like E1',
    arrange: () => projectLikeE1('group'),
    send: (c, { path, groupId }) =>
      call(c, 'patch', `${path}/groups/${groupId}`, { name: 'Staff' }),
    expect: write(200),
  },
  {
    operation: `PATCH ${P}/groups/{id}`,
    route: 'G2 of E2, through a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path }) => call(c, 'patch', `${path}/groups/${ctx.fx.g2}`, { name: 'Staff' }),
    expect: FOREIGN_WRITE,
  },
  {
    operation: `DELETE ${P}/groups/{id}`,
    route: 'a group of a project like E1',
    arrange: () => projectLikeE1('group'),
    send: (c, { path, groupId }) => call(c, 'delete', `${path}/groups/${groupId}`),
    expect: write(204),
  },
  {
    operation: `GET ${P}/groups/{id}/attendees`,
    route: 'G1 of P1: the owner’s A1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/groups/${ctx.fx.g1}/attendees`),
    expect: READ,
    check: (res) => expect(ids(res)).toEqual([ctx.fx.a1]),
  },
  {
    operation: `POST ${P}/groups/{id}/attendees`,
    route: 'the owner’s attendee, into a group of a project like E1',
    arrange: () => projectLikeE1('group'),
    send: (c, { path, groupId, attendeeId }) =>
      call(c, 'post', `${path}/groups/${groupId}/attendees`, { attendee_ids: [attendeeId] }),
    expect: write(200),
  },
  {
    operation: `POST ${P}/groups/{id}/attendees`,
    route: 'A2 of E2, into a group of a project like E1',
    arrange: () => projectLikeE1('group'),
    send: (c, { path, groupId }) =>
      call(c, 'post', `${path}/groups/${groupId}/attendees`, { attendee_ids: [ctx.fx.a2] }),
    expect: FOREIGN_WRITE,
  },
  {
    operation: `DELETE ${P}/groups/{id}/attendees/{attendeeId}`,
    route: 'the owner’s attendee, from a group of a project like E1',
    arrange: () => projectLikeE1('member'),
    send: (c, { path, groupId, attendeeId }) =>
      call(c, 'delete', `${path}/groups/${groupId}/attendees/${attendeeId}`),
    expect: write(204),
  },

  // --- credentials and check-ins --------------------------------------------------------------
  {
    operation: `GET ${P}/credential-types`,
    route: 'P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/credential-types`),
    expect: READ,
  },
  {
    operation: `POST ${P}/credential-types`,
    route: 'a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path }) =>
      call(c, 'post', `${path}/credential-types`, { code: 'badge', name: 'Badge' }),
    expect: write(201),
  },
  {
    operation: `GET ${P}/attendees/{attendeeId}/credentials`,
    route: 'the owner’s A1 in P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendees/${ctx.fx.a1}/credentials`),
    expect: READ,
    check: (res) => expect(ids(res)).toEqual([ctx.fx.k1]),
  },
  {
    operation: `GET ${P}/attendees/{attendeeId}/credentials`,
    route: 'A2 of E2, through P1',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/attendees/${ctx.fx.a2}/credentials`),
    expect: FOREIGN_READ,
  },
  {
    operation: `POST ${P}/attendees/{attendeeId}/credentials`,
    route: 'the owner’s attendee, in a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path, attendeeId }) =>
      call(c, 'post', `${path}/attendees/${attendeeId}/credentials`, {}),
    expect: write(201),
  },
  {
    operation: `DELETE ${P}/attendees/{attendeeId}/credentials/{credentialId}`,
    route: 'the owner’s attendee’s, in a project like E1',
    arrange: () => projectLikeE1('credential'),
    send: (c, { path, attendeeId, credentialId }) =>
      call(c, 'delete', `${path}/attendees/${attendeeId}/credentials/${credentialId}`),
    expect: write(204),
  },
  {
    operation: `DELETE ${P}/attendees/{attendeeId}/credentials/{credentialId}`,
    route: 'K2 of E2, through the owner’s attendee in a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path, attendeeId }) =>
      call(c, 'delete', `${path}/attendees/${attendeeId}/credentials/${ctx.fx.k2}`),
    expect: FOREIGN_WRITE,
  },
  {
    operation: `POST ${P}/check-ins`,
    route: 'the owner’s attendee, in a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path, attendeeId }) =>
      call(c, 'post', `${path}/check-ins`, { attendee_id: attendeeId, direction: 'in' }),
    expect: write(201),
  },
  {
    operation: `POST ${P}/check-ins`,
    route: 'A2 of E2, at the door of a project like E1',
    arrange: () => projectLikeE1(),
    send: (c, { path }) =>
      call(c, 'post', `${path}/check-ins`, { attendee_id: ctx.fx.a2, direction: 'in' }),
    expect: FOREIGN_WRITE,
  },
  {
    operation: `GET ${P}/check-ins`,
    route: 'P1: the owner’s scan',
    send: (c) => call(c, 'get', `${ctx.fx.p1}/check-ins`),
    expect: READ,
    check: (res) => expect(res.body.data).toHaveLength(1),
  },
];
