import { parseBracketQuery } from '../http/bracket-query';
import { RequestValidationError } from '../validation/request-validation.error';
import { parseFields, parseInclude } from './query';

/** The field errors a call throws; fails the test when it throws nothing or something else. */
function errorsOf(call: () => unknown) {
  try {
    call();
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  throw new Error('expected a RequestValidationError');
}

const INCLUDABLE = ['author', 'tags', 'author.employer'];
const FIELDS = { Book: ['title', 'pages', 'author'], Person: ['name'] };

describe('parseInclude', () => {
  it('reads a comma-separated list, trimmed and without repeats', () => {
    expect(parseInclude(' tags ,author,tags,', INCLUDABLE)).toEqual(['tags', 'author']);
  });

  it('includes nothing when the parameter is absent or empty', () => {
    expect(parseInclude(undefined, INCLUDABLE)).toEqual([]);
    expect(parseInclude('', INCLUDABLE)).toEqual([]);
  });

  it('accepts a nested path only when it is allowed', () => {
    expect(parseInclude('author.employer', INCLUDABLE)).toEqual(['author.employer']);
    expect(errorsOf(() => parseInclude('tags.owner', INCLUDABLE))).toEqual([
      {
        pointer: '/include',
        in: 'query',
        message: 'unknown include: tags.owner; includable: author, tags, author.employer',
      },
    ]);
  });

  it('names every unknown path and what can be included', () => {
    expect(errorsOf(() => parseInclude('x,author,y', ['author', 'tags']))).toEqual([
      {
        pointer: '/include',
        in: 'query',
        message: 'unknown include: x, y; includable: author, tags',
      },
    ]);
    expect(errorsOf(() => parseInclude('author', []))[0].message).toBe(
      'unknown include: author; includable: none',
    );
  });

  it('rejects a repeated or bracketed include parameter', () => {
    for (const query of ['include=author&include=tags', 'include[author]=1']) {
      expect(errorsOf(() => parseInclude(parseBracketQuery(query).include, INCLUDABLE))).toEqual([
        expect.objectContaining({ pointer: '/include', in: 'query' }),
      ]);
    }
  });
});

describe('parseFields', () => {
  it('reads fields[TYPE]=a,b as parsed from the query string', () => {
    const { fields } = parseBracketQuery('fields[Book]=title,%20author&fields[Person]=name');
    expect(parseFields(fields, FIELDS)).toEqual(
      new Map([
        ['Book', new Set(['title', 'author'])],
        ['Person', new Set(['name'])],
      ]),
    );
  });

  it('asks for no fields of a type given an empty list, and for every field when absent', () => {
    expect(parseFields({ Person: '' }, FIELDS)).toEqual(new Map([['Person', new Set()]]));
    expect(parseFields(undefined, FIELDS)).toEqual(new Map());
  });

  it('reports every unknown type and field at once, each at its own parameter', () => {
    expect(errorsOf(() => parseFields({ Book: 'title,isbn', Shelf: 'x' }, FIELDS))).toEqual([
      {
        pointer: '/fields[Book]',
        in: 'query',
        message: 'unknown field in fields[Book]: isbn; fields: title, pages, author',
      },
      {
        pointer: '/fields[Shelf]',
        in: 'query',
        message: 'unknown resource type Shelf; types: Book, Person',
      },
    ]);
  });

  it('rejects fields without a type, and a type given twice', () => {
    expect(errorsOf(() => parseFields('title', FIELDS))).toEqual([
      {
        pointer: '/fields',
        in: 'query',
        message: 'fields takes the form fields[TYPE]=field,field',
      },
    ]);
    const { fields } = parseBracketQuery('fields[Book]=title&fields[Book]=pages');
    expect(errorsOf(() => parseFields(fields, FIELDS))).toEqual([
      {
        pointer: '/fields[Book]',
        in: 'query',
        message: 'fields[Book] takes one comma-separated list of fields',
      },
    ]);
  });

  it('keeps a slash in a type name from splitting the pointer, and ignores inherited names', () => {
    expect(errorsOf(() => parseFields({ 'a/b': 'x', toString: 'x' }, FIELDS))).toEqual([
      expect.objectContaining({ pointer: '/fields[a~1b]' }),
      expect.objectContaining({ pointer: '/fields[toString]' }),
    ]);
  });
});
