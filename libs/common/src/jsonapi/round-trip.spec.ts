import { compoundDocument, type ResourceObject } from './document';
import { deserialiseJsonApi } from './testing/deserialise';

// Documents built here are read back by a JSON:API client library (kitsu-core): if the library
// finds the attributes and links the included records, clients will too.

const book = (id: string, authorId: string | null): ResourceObject => ({
  type: 'Book',
  id,
  attributes: { title: `Book ${id}`, pages: 100 },
  relationships: {
    author: {
      data: authorId === null ? null : { type: 'Person', id: authorId },
      links: { related: `/books/${id}/author` },
    },
    tags: { data: [{ type: 'Tag', id: 't1' }] },
  },
  links: { self: `/books/${id}` },
});
const person = (id: string): ResourceObject => ({
  type: 'Person',
  id,
  attributes: { name: `Person ${id}`, born: 1900 },
});
const tag = (id: string): ResourceObject => ({ type: 'Tag', id, attributes: { label: id } });

describe('documents read back by a JSON:API client', () => {
  it('links every primary resource of a list to its included records', () => {
    const document = compoundDocument({
      data: [book('1', '7'), book('2', '7'), book('3', '8')],
      included: [person('7'), tag('t1'), person('7'), person('8'), tag('t1')],
      links: { self: '/books', next: null },
      meta: { total: 3 },
    });

    const { data, links, meta } = deserialiseJsonApi(document);

    expect(links).toEqual({ self: '/books', next: null });
    expect(meta).toEqual({ total: 3 });
    expect(data).toEqual([
      expect.objectContaining({
        type: 'Book',
        id: '1',
        title: 'Book 1',
        pages: 100,
        author: {
          data: { type: 'Person', id: '7', name: 'Person 7', born: 1900 },
          links: { related: '/books/1/author' },
        },
        tags: { data: [{ type: 'Tag', id: 't1', label: 't1' }] },
      }),
      expect.objectContaining({
        id: '2',
        author: expect.objectContaining({ data: expect.objectContaining({ name: 'Person 7' }) }),
      }),
      expect.objectContaining({
        id: '3',
        author: expect.objectContaining({ data: expect.objectContaining({ name: 'Person 8' }) }),
      }),
    ]);
  });

  it('reads a single resource with an empty to-one relationship', () => {
    const { data } = deserialiseJsonApi(
      compoundDocument({ data: book('4', null), included: [tag('t1')] }),
    );
    expect(data).toMatchObject({
      type: 'Book',
      id: '4',
      title: 'Book 4',
      tags: { data: [{ type: 'Tag', id: 't1', label: 't1' }] },
    });
    // An empty to-one carries no record, only its links.
    expect(data).toHaveProperty('author', { links: { related: '/books/4/author' } });
  });

  it('sees only the requested fields of primary and included resources', () => {
    const { data } = deserialiseJsonApi(
      compoundDocument({
        data: [book('1', '7')],
        included: [person('7')],
        fields: new Map([
          ['Book', new Set(['title', 'author'])],
          ['Person', new Set(['name'])],
        ]),
      }),
    );
    expect(data).toEqual([
      {
        type: 'Book',
        id: '1',
        title: 'Book 1',
        links: { self: '/books/1' },
        author: {
          data: { type: 'Person', id: '7', name: 'Person 7' },
          links: { related: '/books/1/author' },
        },
      },
    ]);
  });

  it('answers null primary data with null', () => {
    expect(deserialiseJsonApi(compoundDocument({ data: null })).data).toBeNull();
  });

  it('leaves the response body it reads untouched', () => {
    const document = compoundDocument({ data: book('1', '7'), included: [person('7')] });
    const before = structuredClone(document);
    deserialiseJsonApi(document);
    expect(document).toEqual(before);
  });
});
