/**
 * Parses a query string the way JSON:API and Laravel clients write it: `filter[email]=a` becomes
 * `{ filter: { email: 'a' } }` (one level of brackets, which is all those APIs use); a repeated key
 * becomes an array. Bracketed keys under a name that also has a plain value keep the plain value.
 */
export function parseBracketQuery(query: string): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const add = (target: Record<string, unknown>, key: string, value: string) => {
    const existing = target[key];
    if (existing === undefined) target[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === 'string') target[key] = [existing, value];
  };
  for (const [key, value] of new URLSearchParams(query)) {
    const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (!match) {
      add(result, key, value);
      continue;
    }
    const [, name, member] = match;
    const existing = result[name];
    if (existing !== undefined && (typeof existing !== 'object' || Array.isArray(existing))) {
      continue;
    }
    const nested = (existing ?? Object.create(null)) as Record<string, unknown>;
    result[name] = nested;
    add(nested, member, value);
  }
  return result;
}
