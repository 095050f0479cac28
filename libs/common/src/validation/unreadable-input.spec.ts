import { MAX_NESTING_DEPTH, unreadableInputErrors } from './unreadable-input';

const nested = (levels: number): object => (levels === 1 ? {} : { a: nested(levels - 1) });

describe('unreadableInputErrors', () => {
  it('takes values nested up to the limit and refuses one level more, as a whole', () => {
    expect(unreadableInputErrors(nested(MAX_NESTING_DEPTH), 'body')).toEqual([]);
    expect(unreadableInputErrors(nested(MAX_NESTING_DEPTH + 1), 'query')).toEqual([
      { pointer: '', message: expect.stringContaining('32 levels'), in: 'query' },
    ]);
  });

  it('points at every NUL character, in keys and values', () => {
    expect(unreadableInputErrors({ a: ['ok', 'b\u0000'], 'c\u0000': 1 }, 'body')).toEqual([
      { pointer: '/a/1', message: expect.stringContaining('NUL') },
      { pointer: '/c\u0000', message: expect.stringContaining('NUL') },
    ]);
  });

  it('points at lone surrogates, which are not text', () => {
    expect(unreadableInputErrors({ fields: { note: 'a\uD800', '\uDFFF': 1 } }, 'body')).toEqual([
      { pointer: '/fields/note', message: expect.stringContaining('well-formed Unicode') },
      { pointer: '/fields/\uDFFF', message: expect.stringContaining('well-formed Unicode') },
    ]);
    expect(unreadableInputErrors({ emoji: '\uD83D\uDE00' }, 'body')).toEqual([]);
  });

  it('points at keys naming inherited members, at any depth', () => {
    expect(
      unreadableInputErrors(
        { constructor: 1, nested: { toString: 'x', prototype: 2, name: 'ok' } },
        'body',
      ),
    ).toEqual([
      { pointer: '/constructor', message: 'constructor is not an allowed property name' },
      { pointer: '/nested/toString', message: 'toString is not an allowed property name' },
      { pointer: '/nested/prototype', message: 'prototype is not an allowed property name' },
    ]);
  });

  it('escapes pointer tokens (RFC 6901)', () => {
    expect(unreadableInputErrors({ 'a/b~': 'x\u0000' }, 'path')).toEqual([
      { pointer: '/a~1b~0', message: expect.any(String), in: 'path' },
    ]);
  });
});
