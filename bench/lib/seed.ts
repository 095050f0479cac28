import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSize } from './options.ts';
import { CREDENTIAL_VALUE_SQL, DOMAINS, FIRST_NAMES, LAST_NAMES, sqlArray } from './seed-data.ts';

/**
 * Seeds the data set with set-based SQL (generate_series) straight into Turnout's tables, after
 * Turnout has created them. Ids are md5 hashes of a label (`benchId('event', 3)` in JS, the
 * same in SQL), so the harness knows them without reading them back and
 * they are as scattered as random UUIDs. Seat counters are computed from the attendees inserted.
 */

/**
 * The id of a seeded row: the md5 of `bench-<kind>-<key>` made a version 4 UUID (its version and
 * variant digits set), as Turnout's validation expects of ids.
 */
export function benchId(kind: string, key: number | string): string {
  const hex = createHash('md5').update(`bench-${kind}-${key}`).digest('hex');
  const v4 = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v4.slice(0, 8)}-${v4.slice(8, 12)}-${v4.slice(12, 16)}-${v4.slice(16, 20)}-${v4.slice(20)}`;
}

/** benchId in SQL. */
const id = (kind: string, key: string) =>
  `overlay(overlay(md5('bench-${kind}-' || (${key})) placing '4' from 13) placing '8' from 17)::uuid`;

export const EVENT_COUNT = 200;
/** Events 4..199 hold the seed 002 registrations, two occurrences each. */
const FIRST_PLAIN_EVENT = 4;
const PLAIN_EVENTS = EVENT_COUNT - FIRST_PLAIN_EVENT;
export const DETAIL_ATTENDANCES = 200;
export const ROOMY_CAPACITY = 10_000_000;
export const ATTENDEE_TYPES = ['Speaker', 'VIP', 'General'] as const;
const GROUPS = ['Press', 'Volunteers', 'Sponsors', 'Staff', 'Alumni'];
const CREDENTIAL_TYPES = [
  ['barcode', 'Barcode'],
  ['qr', 'QR code'],
  ['rfid', 'RFID'],
  ['nfc', 'NFC'],
];

/** What the scenarios need to know about the seeded data. */
export interface Fixture {
  organization: { id: string; slug: string };
  project: { eventId: string; slug: string; attendees: number; speakerTypeId: string };
  /** The seed 000 event with exactly DETAIL_ATTENDANCES attendances. */
  detailEventId: string;
  /** An occurrence with ROOMY_CAPACITY seats (the register scenario). */
  roomyOccurrenceId: string;
  /** The event whose small occurrences the contended scenario creates. */
  contendedEventId: string;
  data: DataSize;
}

const first = (n: string) => `(${sqlArray(FIRST_NAMES)})[1 + (${n}) % ${FIRST_NAMES.length}]`;
const last = (n: string) =>
  `(${sqlArray(LAST_NAMES)})[1 + ((${n}) / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}]`;
const domain = (n: string) => `(${sqlArray(DOMAINS)})[1 + (${n}) % ${DOMAINS.length}]`;
const email = (n: string, tag: string) =>
  `lower(${first(n)} || '.' || ${last(n)}) || '${tag}' || (${n}) || '@' || ${domain(n)}`;
const phone = (n: string) => `'+1-202-555-' || lpad((((${n}) * 7919) % 10000)::text, 4, '0')`;
/** Spread over the last `days` days, `n` of `total` being the most recent. */
const createdAt = (n: string, total: number, days: number) =>
  `now() - make_interval(secs => (${total} - (${n})) * ${(days * 86_400) / total}::float8)`;
const SEAT_HOLDING = `status in ('PENDING', 'CONFIRMED', 'ATTENDED') and deleted_at is null`;

interface Step {
  label: string;
  sql: string;
  values?: unknown[];
}

function eventSteps(organizationId: string): Step[] {
  return [
    {
      label: `${EVENT_COUNT} events, 2 occurrences each, 8 categories`,
      sql: `
        insert into events (id, organization_id, slug, title, description, status, starts_at, ends_at,
                            capacity, seats_held, waitlist_enabled, waitlist_policy, created_at, updated_at)
        select ${id('event', 'n')}, $1,
               case n when 0 then 'gxp-summit' when 1 then 'town-hall' when 2 then 'open-day'
                      when 3 then 'masterclass' else 'event-' || n end,
               case n when 0 then 'GxP Summit 2031' when 1 then 'Town Hall' when 2 then 'Open Day'
                      when 3 then 'Masterclass'
                      else (array['Summit','Workshop','Meetup','Conference','Hackathon','Webinar',
                                  'Festival','Forum'])[1 + n % 8] || ' ' || n end,
               'Seeded by the benchmark', case when n % 40 = 39 then 'DRAFT' else 'PUBLISHED' end,
               timestamptz '2031-01-01' + n * interval '1 day',
               timestamptz '2031-01-01' + n * interval '1 day' + interval '8 hours',
               case n when 1 then 500 end, 0, true, 'AUTO_CONFIRM', now() - interval '200 days', now()
          from generate_series(0, ${EVENT_COUNT - 1}) as n`,
      values: [organizationId],
    },
    {
      label: 'occurrences',
      sql: `
        insert into occurrences (id, event_id, start_date, end_date, capacity, seats_held, created_at, updated_at)
        select ${id('occurrence', "n || '-' || k")}, ${id('event', 'n')},
               timestamptz '2031-01-01' + n * interval '1 day' + k * interval '4 hours',
               timestamptz '2031-01-01' + n * interval '1 day' + k * interval '4 hours' + interval '3 hours',
               case when n = 2 and k = 0 then ${ROOMY_CAPACITY} end, 0, now() - interval '200 days', now()
          from generate_series(0, ${EVENT_COUNT - 1}) as n, generate_series(0, 1) as k`,
    },
    {
      label: 'categories',
      sql: `
        with inserted as (
          insert into categories (id, organization_id, name, created_at, updated_at)
          select ${id('category', 'c')}, $1,
                 (array['Music','Tech','Health','Business','Education','Sports','Art','Community'])[c],
                 now(), now()
            from generate_series(1, 8) as c
          returning id)
        insert into event_categories (event_id, category_id)
        select ${id('event', 'n')}, ${id('category', '1 + n % 8')} from generate_series(0, ${EVENT_COUNT - 1}) as n`,
      values: [organizationId],
    },
  ];
}

function peopleSteps(organizationId: string, data: DataSize): Step[] {
  return [
    {
      label: `${data.people.toLocaleString('en')} people (the seed 002 registrants' users)`,
      sql: `
        insert into users (id, email, name, first_name, last_name, phone, role, organization_id,
                           external_id, is_active, created_at, updated_at)
        select ${id('person', 'p')}, ${email('p', '')}, ${first('p')} || ' ' || ${last('p')},
               ${first('p')}, ${last('p')}, ${phone('p')}, 'USER', $1, 'person-' || p, true,
               ${createdAt('p', data.people, 365)}, now()
          from generate_series(0, ${data.people - 1}) as p`,
      values: [organizationId],
    },
    {
      label: `${DETAIL_ATTENDANCES} members (the seed 000 attendances' users), half with a membership`,
      sql: `
        with members as (
          insert into users (id, email, name, first_name, last_name, role, is_active, created_at, updated_at)
          select ${id('member', 'm')}, ${email('m + 7', '.member')}, ${first('m + 7')} || ' ' || ${last('m + 7')},
                 ${first('m + 7')}, ${last('m + 7')}, 'USER', true, now() - interval '100 days', now()
            from generate_series(1, ${DETAIL_ATTENDANCES}) as m
          returning id)
        insert into memberships (id, user_id, name, starts_at, ends_at, created_at, updated_at)
        select ${id('membership', 'm')}, ${id('member', 'm')}, case when m % 4 = 0 then 'Gold' else 'Silver' end,
               now() - interval '30 days', now() + interval '335 days', now(), now()
          from generate_series(2, ${DETAIL_ATTENDANCES}, 2) as m`,
    },
  ];
}

function projectSetupSteps(): Step[] {
  const project = `${id('event', '0')}`;
  return [
    {
      label: 'the project: attendee types, custom fields, groups, credential types',
      sql: `
        with types as (
          insert into attendee_types (id, event_id, name, description, price_cents, price_currency,
                                      publicly_available, created_at, updated_at)
          select ${id('type', 'name')}, ${project}, name, name || ' pass', (array[0, 49900, 19900])[i], 'USD',
                 name <> 'Speaker', now(), now()
            from unnest(${sqlArray(ATTENDEE_TYPES)}) with ordinality as t(name, i)
          returning id),
        fields as (
          insert into custom_fields (id, event_id, key, label, type, options, required, created_at, updated_at)
          values (${id('field', "'company'")}, ${project}, 'company', 'Company', 'text', null, false, now(), now()),
                 (${id('field', "'t_shirt'")}, ${project}, 't_shirt', 'T-shirt size', 'select',
                  '["XS","S","M","L","XL"]', false, now(), now()),
                 (${id('field', "'newsletter'")}, ${project}, 'newsletter', 'Newsletter', 'boolean', null, false, now(), now()),
                 (${id('field', "'dietary'")}, ${project}, 'dietary', 'Dietary needs', 'multiselect',
                  '["vegetarian","vegan","gluten-free","halal","kosher"]', false, now(), now())
          returning id),
        groups as (
          insert into groups (id, event_id, name, description, created_at, updated_at)
          select ${id('group', 'name')}, ${project}, name, null, now(), now()
            from unnest(${sqlArray(GROUPS)}) as name
          returning id)
        insert into credential_types (id, event_id, code, name, created_at)
        select ${id('credential-type', 'code')}, ${project}, code, name, now()
          from unnest(${sqlArray(CREDENTIAL_TYPES.map(([code]) => code))},
                      ${sqlArray(CREDENTIAL_TYPES.map(([, name]) => name))}) as t(code, name)`,
    },
  ];
}

function attendeeSteps(data: DataSize): Step[] {
  const P = data.projectAttendees;
  const D = DETAIL_ATTENDANCES;
  const rest = data.attendees - P - D;
  const columns = `id, registration_id, event_id, occurrence_id, user_id, external_user_id, first_name,
    last_name, email, phone, fields, status, cancelled_at, cancel_reason, created_at, updated_at,
    attendee_type_id, group_ids, emergency_contact`;
  const mixedStatus = (n: string) =>
    `case when ${n} % 50 = 0 then 'CANCELLED' when ${n} % 25 = 1 then 'PENDING' else 'CONFIRMED' end`;
  const cancelled = (n: string) =>
    `case when ${n} % 50 = 0 then now() - interval '1 day' end, case when ${n} % 50 = 0 then 'attendee' end`;
  const type = (n: string) =>
    `case when ${n} % 10 = 0 then ${id('type', "'Speaker'")} when ${n} % 10 in (1, 2) then ${id('type', "'VIP'")}
          else ${id('type', "'General'")} end`;
  const r = `(n - ${P + D})`;
  return [
    {
      label: `${data.attendees.toLocaleString('en')} bookings (registrations)`,
      sql: `insert into registrations (id, registrant_user_id, created_at, updated_at)
            select ${id('registration', 'n')}, null, now() - interval '1 day', now() - interval '1 day'
              from generate_series(1, ${data.attendees}) as n`,
    },
    {
      label: `${P.toLocaleString('en')} project attendees, each with a QR credential`,
      sql: `insert into attendees (${columns})
            select ${id('attendee', 'n')}, ${id('registration', 'n')}, ${id('event', '0')}, null, null, null,
                   ${first('n')}, ${last('n')}, ${email('n', '')}, ${phone('n')},
                   jsonb_build_object('company', 'Company ' || (n % 500),
                                      't_shirt', (array['XS','S','M','L','XL'])[1 + n % 5],
                                      'newsletter', n % 3 = 0)
                     || case when n % 7 = 0 then '{"dietary":["vegetarian"]}'::jsonb else '{}' end,
                   'CONFIRMED', null, null, ${createdAt('n', P, 90)}, ${createdAt('n', P, 90)},
                   ${type('n')},
                   case when n % 20 = 0 then array[${id('group', "'Press'")}]
                        when n % 20 = 1 then array[${id('group', "'Volunteers'")}] else '{}' end,
                   case when n % 4 = 0 then jsonb_build_object('name', ${first('n + 3')} || ' ' || ${last('n')},
                                                               'phoneNumber', ${phone('n + 1')}) end
              from generate_series(1, ${P}) as n`,
    },
    {
      label: 'credentials',
      sql: `insert into credentials (id, event_id, attendee_id, credential_type_id, value, created_at)
            select ${id('credential', 'n')}, ${id('event', '0')}, ${id('attendee', 'n')},
                   ${id('credential-type', "'qr'")}, ${CREDENTIAL_VALUE_SQL('n')}, ${createdAt('n', P, 90)}
              from generate_series(1, ${P}) as n`,
    },
    {
      label: `${D} attendances of the seed 000 event`,
      sql: `insert into attendees (${columns})
            select ${id('attendee', 'n')}, ${id('registration', 'n')}, ${id('event', '1')}, null,
                   ${id('member', `n - ${P}`)}, null, ${first(`n - ${P} + 7`)}, ${last(`n - ${P} + 7`)},
                   ${email(`n - ${P} + 7`, '.member')}, null, '{}', ${mixedStatus('n')}, ${cancelled('n')},
                   ${createdAt(`n - ${P}`, D, 30)}, ${createdAt(`n - ${P}`, D, 30)}, null, '{}', null
              from generate_series(${P + 1}, ${P + D}) as n`,
    },
    {
      label: `${rest.toLocaleString('en')} seed 002 registrations over ${PLAIN_EVENTS} events`,
      sql: `insert into attendees (${columns})
            select ${id('attendee', 'n')}, ${id('registration', 'n')},
                   ${id('event', `${FIRST_PLAIN_EVENT} + ${r} % ${PLAIN_EVENTS}`)},
                   ${id('occurrence', `(${FIRST_PLAIN_EVENT} + ${r} % ${PLAIN_EVENTS}) || '-' || (${r} / ${PLAIN_EVENTS}) % 2`)},
                   ${id('person', `${r} % ${data.people}`)}, 'person-' || ${r} % ${data.people},
                   ${first(`${r} % ${data.people}`)}, ${last(`${r} % ${data.people}`)},
                   ${email(`${r} % ${data.people}`, '')}, ${phone(`${r} % ${data.people}`)},
                   jsonb_build_object('source', (array['web','app','partner'])[1 + n % 3], 'seats', 1 + n % 3),
                   ${mixedStatus('n')}, ${cancelled('n')}, ${createdAt(r, rest, 180)}, ${createdAt(r, rest, 180)},
                   null, '{}', null
              from generate_series(${P + D + 1}, ${data.attendees}) as n`,
    },
  ];
}

function counterSteps(): Step[] {
  return [
    {
      label: 'seat counters from the attendees, capacities above them',
      sql: `
        with event_seats as (
          select event_id, count(*) as held from attendees
           where occurrence_id is null and ${SEAT_HOLDING} group by event_id),
        updated as (
          update events e set seats_held = s.held from event_seats s where e.id = s.event_id returning e.id)
        update occurrences o
           set seats_held = s.held, capacity = coalesce(o.capacity, s.held + 50)
          from (select occurrence_id, count(*) as held from attendees
                 where occurrence_id is not null and ${SEAT_HOLDING} group by occurrence_id) s
         where o.id = s.occurrence_id`,
    },
  ];
}

function subscriptionSteps(organizationId: string, data: DataSize): Step[] {
  return [
    {
      label: `${data.disabledSubscriptions.toLocaleString('en')} disabled webhook subscriptions`,
      sql: `insert into webhook_subscriptions (id, organization_id, event_id, url, events, description,
                                               active, disabled_reason, secret, created_at, updated_at)
            select ${id('subscription', 's')}, $1, null, 'https://hooks.example.com/turnout/' || s,
                   '["attendee.created", "attendee.updated", "attendee.deleted"]', 'CRM sync ' || s, false,
                   'The receiver answered 410 Gone',
                   'whsec_' || encode(sha256(convert_to('bench-secret-' || s, 'UTF8')), 'base64'),
                   now() - interval '90 days', now() - interval '10 days'
              from generate_series(1, ${data.disabledSubscriptions}) as s`,
      values: [organizationId],
    },
  ];
}

/** Runs every step, printing how long each took, then VACUUM (ANALYZE). */
export async function seed(
  pool: pg.Pool,
  organization: { id: string; slug: string },
  data: DataSize,
  log: (line: string) => void,
): Promise<Fixture> {
  const steps = [
    ...eventSteps(organization.id),
    ...peopleSteps(organization.id, data),
    ...projectSetupSteps(),
    ...attendeeSteps(data),
    ...counterSteps(),
    ...subscriptionSteps(organization.id, data),
    // As autovacuum would have left a live database: statistics, and the visibility map that lets
    // counts be answered from an index alone.
    { label: 'vacuum (analyze)', sql: 'vacuum (analyze)' },
  ];
  for (const step of steps) {
    const started = performance.now();
    await pool.query(step.sql, step.values);
    log(`  seeded ${step.label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return {
    organization,
    project: {
      eventId: benchId('event', 0),
      slug: 'gxp-summit',
      attendees: data.projectAttendees,
      speakerTypeId: benchId('type', 'Speaker'),
    },
    detailEventId: benchId('event', 1),
    roomyOccurrenceId: benchId('occurrence', '2-0'),
    contendedEventId: benchId('event', 3),
    data,
  };
}
