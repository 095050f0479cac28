import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';

// RFC 3339, the `date-time` of OpenAPI: 2030-01-01T10:00:00Z, optional fractions, Z or an offset.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/i;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) =>
  month === 2 && isLeap(year) ? 29 : DAYS[month - 1];

/**
 * The instant `value` names, or undefined unless it is an RFC 3339 date-time on a real calendar
 * day of the years 0001–9999 (which JavaScript and PostgreSQL both hold).
 */
export function parseDateTime(value: unknown): Date | undefined {
  const parts = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = parts.slice(7).map((part) => Number(part ?? 0));
  const valid =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  return valid ? new Date(parts[0]) : undefined;
}

/**
 * An RFC 3339 date-time such as `2030-01-01T10:00:00Z`, read into a Date. `@Type(() => Date)` took
 * whatever `new Date()` takes: a number, `01/02/2024`, 30 February (as 1 March), or a year
 * PostgreSQL cannot store (a 500).
 */
export const IsDateTime = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      value === null || value === undefined ? value : (parseDateTime(value) ?? value),
    ),
    IsDate({
      message: ({ property }) =>
        `${property} must be an RFC 3339 date-time such as 2030-01-01T10:00:00Z`,
    }),
  );
