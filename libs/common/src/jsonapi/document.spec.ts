import { applySparseFieldset, compoundDocument, type ResourceObject } from './document';

const book = (id: string, authorId: string | null = '7'): ResourceObject => ({
  type: 'Book',
  id,
  attributes: { title: `Book ${id}`, pages: 100, published: true },
  relationships: {
    author: { data: authorId === null ? null : { type: 'Person', id: authorId } },
    tags: { data: [{ type: 'Tag', id: 't1' }] },
  },
  links: { self: `/books/${id}` },
});
const person = (id: string): ResourceObject => ({
  type: 'Person',
  id,
  attributes: { name: `Person ${id}`, born: 1900 },
});

describe('applySparseFieldset', () => {
  it('keeps only the named attributes and relationships of a type with a fieldset', () => {
    const fields = new Map([['Book', new Set(['title', 'author'])]]);
    expect(applySparseFieldset(book('1'), fields)).toEqual({
      type: 'Book',
      id: '1',
      attributes: { title: 'Book 1' },
      relationships: { author: { data: { type: 'Person', id: '7' } } },
      links: { self: '/books/1' },
    });
  });

  it('drops the relationships member when no relationship is asked for', () => {
    const sparse = applySparseFieldset(book('1'), new Map([['Book', new Set(['pages'])]]));
    expect(sparse.attributes).toEqual({ pages: 100 });
    expect(sparse).not.toHaveProperty('relationships');
  });

  it('leaves a resource alone when its type has no fieldset', () => {
    const resource = book('1');
    expect(applySparseFieldset(resource, new Map([['Person', new Set(['name'])]]))).toBe(resource);
  });

  it('keeps identity and links even when the fieldset is empty', () => {
    expect(applySparseFieldset(book('1'), new Map([['Book', new Set<string>()]]))).toEqual({
      type: 'Book',
      id: '1',
      attributes: {},
      links: { self: '/books/1' },
    });
  });
});

describe('compoundDocument', () => {
  it('includes each related resource once, in first-seen order', () => {
    const document = compoundDocument({
      data: [book('1', '7'), book('2', '8'), book('3', '7')],
      included: [person('7'), person('8'), person('7')],
    });
    expect(document.included?.map(({ type, id }) => `${type}:${id}`)).toEqual([
      'Person:7',
      'Person:8',
    ]);
  });

  it('leaves out an included resource that is already primary data', () => {
    const document = compoundDocument({
      data: [person('7'), person('8')],
      included: [person('8'), person('9')],
    });
    expect(document.included?.map(({ id }) => id)).toEqual(['9']);
  });

  it('tells resources of different types with the same id apart', () => {
    const document = compoundDocument({
      data: book('7'),
      included: [person('7')],
    });
    expect(document.included).toEqual([person('7')]);
  });

  it('applies fieldsets to primary and included resources alike', () => {
    const document = compoundDocument({
      data: book('1'),
      included: [person('7')],
      fields: new Map([
        ['Book', new Set(['title'])],
        ['Person', new Set(['name'])],
      ]),
    });
    expect(document.data).toEqual({
      type: 'Book',
      id: '1',
      attributes: { title: 'Book 1' },
      links: { self: '/books/1' },
    });
    expect(document.included).toEqual([
      { type: 'Person', id: '7', attributes: { name: 'Person 7' } },
    ]);
  });

  it('carries links and meta, and names the JSON:API version', () => {
    const document = compoundDocument({
      data: [],
      links: { self: '/books?page=1', next: null },
      meta: { total: 0 },
    });
    expect(document).toEqual({
      jsonapi: { version: '1.0' },
      links: { self: '/books?page=1', next: null },
      meta: { total: 0 },
      data: [],
    });
  });

  it('answers null data, with an included member only when includes were asked for', () => {
    expect(compoundDocument({ data: null })).toEqual({ jsonapi: { version: '1.0' }, data: null });
    expect(compoundDocument({ data: book('1'), included: [] })).toHaveProperty('included', []);
  });
});
