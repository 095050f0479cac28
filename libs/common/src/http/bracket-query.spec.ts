import { parseBracketQuery } from './bracket-query';

describe('parseBracketQuery', () => {
  it('nests one level of brackets', () => {
    expect({
      ...parseBracketQuery('filter[email]=a%40b.c&filter[status]=CONFIRMED&page=2'),
    }).toEqual({ filter: { email: 'a@b.c', status: 'CONFIRMED' }, page: '2' });
  });

  it('keeps plain keys, repeated keys as arrays, and spaces from +', () => {
    expect({ ...parseBracketQuery('q=jane+doe&tag=a&tag=b') }).toEqual({
      q: 'jane doe',
      tag: ['a', 'b'],
    });
  });

  it('does not let a bracketed key replace a plain value, nor touch prototypes', () => {
    const parsed = parseBracketQuery('filter=active&filter[x]=1&__proto__[polluted]=yes');
    expect(parsed.filter).toBe('active');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps __proto__ as a plain key at either level', () => {
    const parsed = parseBracketQuery('__proto__=a&filter[__proto__]=b');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    const filter = parsed.filter as Record<string, unknown>;
    expect(Object.getPrototypeOf(filter)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(filter, '__proto__')?.value).toBe('b');
  });

  it('makes records that convert like any object (a number where a record came fails validation, not the parse)', () => {
    expect(Number(parseBracketQuery('page[$gt]=1').page)).toBeNaN();
  });

  it('leaves deeper or malformed brackets as plain keys', () => {
    expect({ ...parseBracketQuery('a[b][c]=1&d[=2') }).toEqual({ 'a[b][c]': '1', 'd[': '2' });
  });
});
