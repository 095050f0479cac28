/** A GIN trigram index, so `column ILIKE '%term%'` can use an index (needs the pg_trgm extension). */
export const trigramIndex = (table: string, column: string) => ({
  name: `${table}_${column}_trgm`,
  expression: `create index "${table}_${column}_trgm" on "${table}" using gin ("${column}" gin_trgm_ops)`,
});
