/** Escapes `%`, `_` and `\` so a search term matches literally inside `ILIKE '%…%'`. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%term%` for a case-insensitive substring search, wildcards in the term taken literally. */
export const containsPattern = (term: string): string => `%${escapeLike(term)}%`;
