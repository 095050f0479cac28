import type { TestApp } from '../support/test-app';
import { type Attendee, createProject, projectApi, setTimes } from './project-fixture';

export const EVERYONE = ['Ann', 'Bob', 'Cat', 'Dan'];

/**
 * The project both search specs query: four attendees (Dan waits: capacity 3), two attendee types
 * (T1, T2), three groups (G1, G2, G3) and a custom field of every type. `ref` maps those names,
 * and each attendee's first name, to ids.
 */
export async function createSearchProject(t: TestApp) {
  const ref: Record<string, string> = {};
  const api = projectApi(t, await createProject(t, { capacity: 3 }));
  await api.field('company', 'text');
  await api.field('age', 'number');
  await api.field('vip', 'boolean');
  await api.field('joined', 'date');
  await api.field('size', 'select', { options: ['S', 'M', 'L'] });
  await api.field('topics', 'multiselect', { options: ['ai', 'web', 'db'] });
  ref.T1 = await api.type('Speaker');
  ref.T2 = await api.type('Guest');
  ref.G1 = await api.group('Red');
  ref.G2 = await api.group('Blue');
  ref.G3 = await api.group('Green');
  const people = [
    {
      first_name: 'Ann',
      last_name: 'Smith',
      email: 'ann@acme.com',
      attendee_type_id: ref.T1,
      custom_fields: {
        company: 'Acme',
        age: 30,
        vip: true,
        joined: '2023-01-15',
        size: 'M',
        topics: ['ai', 'web'],
      },
    },
    {
      first_name: 'Bob',
      last_name: 'Jones',
      email: 'bob@initech.com',
      attendee_type_id: ref.T2,
      custom_fields: {
        company: 'Initech',
        age: 41,
        vip: false,
        joined: '2023-06-01',
        size: 'L',
        topics: ['db'],
      },
    },
    {
      first_name: 'Cat',
      last_name: 'Smythe',
      email: 'cat_x@acme.com',
      custom_fields: { company: 'Acme Labs', age: 25, joined: '2022-12-31', size: 'S' },
    },
    { first_name: 'Dan', last_name: 'Brown' },
  ];
  for (const [index, person] of people.entries()) {
    const { id } = await api.attendee(person);
    ref[person.first_name] = id;
    await setTimes(t, id, { created_at: `2024-01-1${index}T12:00:00Z` });
  }
  await setTimes(t, ref.Ann, { checked_in_at: '2024-02-01T09:00:00Z' });
  await api.join(ref.G1, [ref.Ann, ref.Bob]);
  await api.join(ref.G2, [ref.Bob]);

  const search = (body: object, query = '') => api.post(`/attendees/search${query}`, body);
  /** Group and type names in values stand for their ids. */
  const resolve = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(resolve)
      : typeof value === 'string' && /^[TG]\d$/.test(value)
        ? ref[value]
        : value;
  return { api, ref, search, resolve };
}

/** The first names of a search's matches, sorted. */
export const firstNames = (res: { body: { data: Attendee[] } }) =>
  res.body.data.map((a) => a.first_name).sort();
