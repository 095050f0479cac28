import type pg from 'pg';
import { statement } from './database.ts';
import { isObject, isText, isUuid, type Json, Problem, requireValid, unknownKeys } from './http.ts';

// The checks of a batch, all made before anything is written (Turnout's batches are all or
// nothing): the items' shapes (400), their custom fields' answers against the project's
// definitions (422), their emails against the project's active attendees and each other (409).

interface FieldRule {
  key: string;
  type: string;
  options: string[] | null;
  required: boolean;
}

const FIELDS = statement(
  'custom-fields',
  `select key, type, options, required from custom_fields where event_id = $1`,
);
const TAKEN_EMAILS = statement(
  'taken-emails',
  `select lower(email) as email from attendees
    where event_id = $1 and lower(email) = any($2) and status <> 'CANCELLED' and deleted_at is null`,
);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why `value` does not answer `rule` (Turnout's checkCustomFieldValues), or null. */
function fieldProblem(rule: FieldRule, value: unknown): string | null {
  const options = rule.options ?? [];
  const ok = {
    text: typeof value === 'string' && value.length <= 10_000,
    number: typeof value === 'number' && Number.isFinite(value),
    boolean: typeof value === 'boolean',
    date: typeof value === 'string' && DATE.test(value),
    email: typeof value === 'string' && value.length <= 320 && EMAIL.test(value),
    select: typeof value === 'string' && options.includes(value),
    multiselect:
      Array.isArray(value) &&
      new Set(value).size === value.length &&
      value.every((item) => typeof item === 'string' && options.includes(item)),
  }[rule.type];
  return ok ? null : `is not a valid ${rule.type}`;
}

const ITEM_KEYS = new Set([
  'first_name',
  'last_name',
  'email',
  'phone',
  'attendee_type_id',
  'custom_fields',
  'emergency_contact',
]);

/** 400 for bad shapes; the custom fields' answers are checked later, against the project's rules. */
export function readItems(body: unknown): Json[] {
  const resources = isObject(body) ? body.resources : undefined;
  if (!Array.isArray(resources) || resources.length < 1 || resources.length > 1000) {
    throw new Problem(400, 'validation', 'resources must hold 1 to 1000 attendees');
  }
  const errors = resources.flatMap((item: unknown, index) => {
    const at = `/resources/${index}`;
    if (!isObject(item)) return [{ pointer: at, message: 'must be an object' }];
    const problems = unknownKeys(item, ITEM_KEYS, at);
    for (const key of ['first_name', 'last_name']) {
      if (!isText(item[key], 100) || !item[key].trim())
        problems.push({ pointer: `${at}/${key}`, message: 'required' });
    }
    if (item.email != null && !(isText(item.email, 320) && EMAIL.test(item.email))) {
      problems.push({ pointer: `${at}/email`, message: 'must be an email' });
    }
    if (item.phone != null && !isText(item.phone, 50))
      problems.push({ pointer: `${at}/phone`, message: 'too long' });
    if (item.attendee_type_id != null && !isUuid(item.attendee_type_id)) {
      problems.push({ pointer: `${at}/attendee_type_id`, message: 'must be a UUID' });
    }
    if (item.custom_fields !== undefined && !isObject(item.custom_fields)) {
      problems.push({ pointer: `${at}/custom_fields`, message: 'must be an object' });
    }
    return problems;
  });
  requireValid(errors);
  return resources as Json[];
}

async function rulesOf(pool: pg.Pool, eventId: string) {
  return (await pool.query<FieldRule>(FIELDS([eventId]))).rows;
}

/** 422 unless every item's custom fields answer the project's definitions. */
export async function checkAnswers(pool: pg.Pool, eventId: string, items: Json[]): Promise<void> {
  const rules = await rulesOf(pool, eventId);
  const byKey = new Map(rules.map((rule) => [rule.key, rule]));
  const errors = items.flatMap((item, index) => {
    const answers = (item.custom_fields ?? {}) as Json;
    const pointer = (key: string) => `/resources/${index}/custom_fields/${key}`;
    const problems = Object.entries(answers).flatMap(([key, value]) => {
      const rule = byKey.get(key);
      if (!rule) return [{ pointer: pointer(key), message: `${key} is not a custom field` }];
      const problem =
        value === null ? (rule.required ? 'is required' : null) : fieldProblem(rule, value);
      return problem ? [{ pointer: pointer(key), message: `${key} ${problem}` }] : [];
    });
    for (const rule of rules) {
      if (rule.required && !(rule.key in answers))
        problems.push({ pointer: pointer(rule.key), message: 'required' });
    }
    return problems;
  });
  if (errors.length > 0)
    throw new Problem(422, 'invalid-custom-fields', 'Check the custom field values', errors);
}

/** 409 when an email is already an active attendee's in the project, or twice in the batch. */
export async function requireFreeEmails(
  pool: pg.Pool,
  eventId: string,
  emails: Array<string | null>,
) {
  const wanted = emails.flatMap((email) => (email ? [email.toLowerCase()] : []));
  const taken = new Set(
    (await pool.query<{ email: string }>(TAKEN_EMAILS([eventId, wanted]))).rows.map((r) => r.email),
  );
  const seen = new Set<string>();
  const errors = emails.flatMap((email, index) => {
    const key = email?.toLowerCase();
    if (!key) return [];
    const duplicate = taken.has(key) || seen.has(key);
    seen.add(key);
    return duplicate
      ? [{ pointer: `/resources/${index}/email`, message: `${email} already exists` }]
      : [];
  });
  if (errors.length > 0)
    throw new Problem(409, 'email-taken', 'Email already exists in this project', errors);
}
