/** `2024-01-15T10:30:00Z`: ISO 8601 in UTC to the second, as the GxP documents show timestamps. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const isoSecondsOrNull = (date: Date | string | null | undefined): string | null =>
  date ? isoSeconds(typeof date === 'string' ? new Date(date) : date) : null;
