import type pg from 'pg';
import { type Caller, requireManager } from './auth.ts';
import { prepared, statement } from './database.ts';
import { isUuid, Problem, type Reply } from './http.ts';
import { type AttendeeRow, type CredentialRow, gxpAttendee } from './render.ts';

// Seed 003 projects: `/api/v1/projects/{team}/{project}/...`, and its attendee list.

export interface Project {
  eventId: string;
  organizationId: string;
}

const PROJECT = statement(
  'project',
  `select e.id, e.organization_id, e.status from events e join organizations g on g.id = e.organization_id
    where g.slug = $1 and e.slug = $2 and e.deleted_at is null`,
);

/** The project the caller manages (anyone else is told it does not exist). */
export async function requireProject(
  pool: pg.Pool,
  caller: Caller,
  team: string,
  slug: string,
): Promise<Project> {
  const { rows } = await pool.query<{ id: string; organization_id: string; status: string }>(
    PROJECT([team, slug]),
  );
  const event = rows[0];
  try {
    requireManager(
      caller,
      event && {
        id: event.id,
        organizationId: event.organization_id,
        isPublic: event.status === 'PUBLISHED',
      },
      true,
    );
  } catch (error) {
    if ((error as Problem).status === 404)
      throw new Problem(404, 'project-not-found', 'No such project');
    throw error;
  }
  return { eventId: event.id, organizationId: event.organization_id };
}

const SORTABLE: Record<string, string> = {
  created_at: 'created_at',
  updated_at: 'updated_at',
  checked_in_at: 'checked_in_at',
  first_name: 'first_name',
  last_name: 'last_name',
  email: 'email',
  status: 'status',
};

function readListQuery(url: URL) {
  const params = url.searchParams;
  const perPage = Number(params.get('per_page') ?? 25);
  const page = Number(params.get('page') ?? 1);
  if (
    !Number.isInteger(perPage) ||
    perPage < 1 ||
    perPage > 100 ||
    !Number.isInteger(page) ||
    page < 1
  ) {
    throw new Problem(400, 'validation', 'page from 1, per_page from 1 to 100');
  }
  const typeId = params.get('filter[attendee_type_id]');
  if (typeId !== null && !isUuid(typeId)) throw new Problem(400, 'validation', 'Not a UUID');
  const order = (params.get('sort') ?? 'created_at').split(',').map((piece) => {
    const column = SORTABLE[piece.replace(/^-/, '')];
    if (!column) throw new Problem(400, 'validation', `cannot sort by ${piece}`);
    return `a.${column} ${piece.startsWith('-') ? 'desc' : 'asc'}`;
  });
  const include = new Set((params.get('include') ?? '').split(',').filter(Boolean));
  if ([...include].some((item) => item !== 'credentials' && item !== 'attendee_type')) {
    throw new Problem(
      400,
      'validation',
      'The baseline includes credentials and attendee_type only',
    );
  }
  return { perPage, page, typeId, order, include };
}

const CREDENTIALS = statement(
  'credentials-of',
  `select c.id, c.attendee_id, c.credential_type_id, t.code, t.name, c.value, c.created_at
     from credentials c join credential_types t on t.id = c.credential_type_id
    where c.event_id = $1 and c.attendee_id = any($2)
    order by c.created_at, c.id`,
);

const TYPE_NAMES = statement(
  'type-names',
  `select id, name from attendee_types where id = any($1)`,
);

/** Attendee type names by id, for answers that embed `attendee_type`. */
export async function typeNames(db: pg.Pool | pg.PoolClient, ids: Array<string | null>) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const { rows } = await db.query<{ id: string; name: string }>(TYPE_NAMES([wanted]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Laravel-style `meta` and `links`, as Turnout's toNumberedPage builds them. */
function numberedPage(data: unknown[], total: number, page: number, perPage: number, url: string) {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const target = new URL(url, 'http://turnout.invalid');
  const link = (to: number) => {
    target.searchParams.set('page', String(to));
    target.searchParams.set('per_page', String(perPage));
    return `${target.pathname}${target.search}`;
  };
  return {
    data,
    meta: { current_page: page, per_page: perPage, total, last_page: lastPage },
    links: {
      first: link(1),
      last: link(lastPage),
      prev: page > 1 ? link(Math.min(page - 1, lastPage)) : null,
      next: page < lastPage ? link(page + 1) : null,
    },
  };
}

/** The list: Turnout's page query (same WHERE, ORDER BY, tie-break on id) and count, then the includes. */
export async function listAttendees(
  pool: pg.Pool,
  caller: Caller,
  [team, slug]: string[],
  url: URL,
  rawUrl: string,
): Promise<Reply> {
  const project = await requireProject(pool, caller, team, slug);
  const { perPage, page, typeId, order, include } = readListQuery(url);
  const where = `a.event_id = $1 and a.deleted_at is null${typeId ? ' and a.attendee_type_id = $2' : ''}`;
  const values = typeId ? [project.eventId, typeId] : [project.eventId];
  const orderBy = [...order, 'a.id asc'].join(', ');
  const [{ rows }, count] = await Promise.all([
    pool.query<AttendeeRow>(
      prepared(
        `select a.* from attendees a where ${where} order by ${orderBy}
          limit ${perPage} offset ${(page - 1) * perPage}`,
        values,
      ),
    ),
    pool.query<{ n: string }>(
      prepared(`select count(*) as n from attendees a where ${where}`, values),
    ),
  ]);
  const ids = rows.map((row) => row.id);
  const credentials = include.has('credentials')
    ? Map.groupBy(
        (await pool.query<CredentialRow>(CREDENTIALS([project.eventId, ids]))).rows,
        (c) => c.attendee_id,
      )
    : undefined;
  const types = include.has('attendee_type')
    ? await typeNames(
        pool,
        rows.map((row) => row.attendee_type_id),
      )
    : undefined;
  const data = rows.map((row) => gxpAttendee(row, { types, credentials }));
  return { status: 200, body: numberedPage(data, Number(count.rows[0].n), page, perPage, rawUrl) };
}
