import type pg from 'pg';
import type { Caller } from './auth.ts';
import { prepared } from './database.ts';
import { isUuid, Problem, type Reply } from './http.ts';
import { type AttendeeRow, eventRegistration, type RegistrationContext } from './render.ts';

// Seed 002's list, `GET /api/v1/event-registrations`: the same query as Turnout's
// (EventRegistrationsService.list: the term's hits as a union of index-backed lookups, then the
// same WHERE, ORDER BY and window count), so the same indexes and plans; then the page's rows with
// their user, occurrence, event and organization in one query.

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const PAGE_ROWS = {
  name: 'search-page-rows',
  text: `select a.*,
                u.id as u_id, u.created_at as u_created_at, u.updated_at as u_updated_at,
                u.organization_id as u_organization_id, u.email as u_email, u.first_name as u_first_name,
                u.last_name as u_last_name, u.role as u_role, u.avatar_url as u_avatar_url,
                u.is_active as u_is_active,
                o.created_at as o_created_at, o.updated_at as o_updated_at, o.start_date as o_start_date,
                o.end_date as o_end_date, o.capacity as o_capacity, o.seats_held as o_seats_held,
                e.created_at as e_created_at, e.updated_at as e_updated_at, e.title as e_title,
                e.slug as e_slug, e.description as e_description,
                g.id as g_id, g.name as g_name, g.slug as g_slug, g.created_at as g_created_at,
                g.updated_at as g_updated_at
           from attendees a
           join events e on e.id = a.event_id
           join organizations g on g.id = e.organization_id
           left join users u on u.id = a.user_id
           left join occurrences o on o.id = a.occurrence_id
          where a.id = any($1)`,
};

type PageRow = AttendeeRow & Record<string, unknown>;

function contextOf(row: PageRow): RegistrationContext {
  const pick = (prefix: string) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => [key.slice(prefix.length), value]),
    );
  return {
    user: row.u_id ? (pick('u_') as unknown as RegistrationContext['user']) : null,
    occurrence: row.occurrence_id
      ? ({ id: row.occurrence_id, ...pick('o_') } as unknown as RegistrationContext['occurrence'])
      : null,
    event: { id: row.event_id, ...pick('e_') } as unknown as RegistrationContext['event'],
    organization: pick('g_') as unknown as RegistrationContext['organization'],
  };
}

function readQuery(url: URL) {
  const number = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = url.searchParams.get(name);
    const value = raw === null ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Problem(400, 'validation', `${name} must be an integer from 1 to ${max}`);
    }
    return value;
  };
  const search = url.searchParams.get('search') ?? undefined;
  if (search !== undefined && search.length > 255) {
    throw new Problem(400, 'validation', 'search must be at most 255 characters');
  }
  if ((url.searchParams.get('sort') ?? 'createdAt DESC') !== 'createdAt DESC') {
    throw new Problem(400, 'validation', 'The baseline sorts by createdAt DESC only');
  }
  return { limit: number('limit', 10, 100), page: number('page', 1), search };
}

/** Turnout's `Link` header: first, prev, next, last, keeping the other query parameters. */
function pageLinks(url: URL, page: number, limit: number, total: number): string {
  const last = Math.max(1, Math.ceil(total / limit));
  const link = (target: number, rel: string) => {
    url.searchParams.set('page', String(target));
    url.searchParams.set('limit', String(limit));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  return [
    link(1, 'first'),
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next')] : []),
    link(last, 'last'),
  ].join(', ');
}

export async function searchRegistrations(pool: pg.Pool, caller: Caller, url: URL): Promise<Reply> {
  const { limit, page, search } = readQuery(url);
  const values: unknown[] = [];
  const value = (v: unknown) => `$${values.push(v)}`;
  const where = ['e.deleted_at is null'];
  if (caller.role !== 'ADMIN') {
    const scopes: string[] = [];
    if (caller.role === 'ORGANIZER' && caller.organizationId) {
      scopes.push(`e.organization_id = ${value(caller.organizationId)}`);
    }
    if (caller.managedEventIds.length)
      scopes.push(`a.event_id = any(${value(caller.managedEventIds)})`);
    where.push(scopes.length ? `(${scopes.join(' or ')})` : 'false');
  }
  where.push('a.deleted_at is null');
  // The term's hits first, as a union of index-backed lookups (Turnout's searchHits).
  let hits = '';
  if (search) {
    const like = value(`%${escapeLike(search)}%`);
    const branches = [
      `select id from attendees
        where email ilike ${like} or phone ilike ${like} or first_name ilike ${like} or last_name ilike ${like}`,
      `select a.id from attendees a join events e on e.id = a.event_id where e.title ilike ${like}`,
    ];
    if (isUuid(search)) {
      const id = value(search);
      branches.push(`select id from attendees where event_id = ${id} or user_id = ${id}`);
    }
    hits = `with search_hits as (${branches.join(' union ')})`;
    where.push('a.id = any(array(select id from search_hits))');
  }
  const conditions = where.join(' and ');
  const from = `from attendees a join events e on e.id = a.event_id where ${conditions}`;
  const text = `${hits} select a.id, count(*) over () as total ${from}
                order by a.created_at desc, a.id limit ${value(limit)} offset ${value((page - 1) * limit)}`;
  const { rows } = await pool.query<{ id: string; total: string }>(prepared(text, values));
  const total = rows.length
    ? Number(rows[0].total)
    : Number(
        (
          await pool.query<{ n: string }>(
            prepared(`${hits} select count(*) as n ${from}`, values.slice(0, -2)),
          )
        ).rows[0].n,
      );
  const found = (await pool.query<PageRow>({ ...PAGE_ROWS, values: [rows.map((row) => row.id)] }))
    .rows;
  const byId = new Map(found.map((row) => [row.id, row]));
  const body = rows.map(({ id }) => {
    const row = byId.get(id)!;
    return eventRegistration(row, contextOf(row));
  });
  return {
    status: 200,
    body,
    headers: { 'x-total-count': String(total), link: pageLinks(url, page, limit, total) },
  };
}
