type QueryRecord = Record<string, unknown>;

/**
 * Sets `key` as an own data property, as `JSON.parse` does: `__proto__` is a key like any other,
 * never a prototype switch, so a query cannot pollute anything.
 */
const define = (target: QueryRecord, key: string, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

const own = (target: QueryRecord, key: string) =>
  Object.hasOwn(target, key) ? target[key] : undefined;

/**
 * Parses a query string the way JSON:API and Laravel clients write it: `filter[email]=a` becomes
 * `{ filter: { email: 'a' } }` (one level of brackets, which is all those APIs use); a repeated key
 * becomes an array. Bracketed keys under a name that also has a plain value keep the plain value.
 * The records are ordinary objects (not null-prototype ones): `page[x]=1` where a number belongs
 * must fail validation, and converting a null-prototype object to a number throws instead.
 */
export function parseBracketQuery(query: string): QueryRecord {
  const result: QueryRecord = {};
  const add = (target: QueryRecord, key: string, value: string) => {
    const existing = own(target, key);
    if (existing === undefined) define(target, key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === 'string') define(target, key, [existing, value]);
  };
  for (const [key, value] of new URLSearchParams(query)) {
    const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (!match) {
      add(result, key, value);
      continue;
    }
    const [, name, member] = match;
    const existing = own(result, name);
    if (existing !== undefined && (typeof existing !== 'object' || Array.isArray(existing))) {
      continue;
    }
    const nested = (existing ?? {}) as QueryRecord;
    define(result, name, nested);
    add(nested, member, value);
  }
  return result;
}
