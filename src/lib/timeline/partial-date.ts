/*
 * Dates known to a year, a month or a day, written as ISO 8601 prefixes: "1934", "1934-12", "1934-12-01".
 * The timeline shows each only to the precision its source supports, so nothing here ever invents a
 * month or a day.
 */

export const datePrecisions = ['year', 'month', 'day'] as const;

export type DatePrecision = (typeof datePrecisions)[number];

const isoPrefix = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** English month names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

interface PartialDate {
  year: number;
  /** 1–12, or undefined at year precision. */
  month: number | undefined;
  /** 1–31, or undefined above day precision. */
  day: number | undefined;
  precision: DatePrecision;
}

// Computed by hand rather than with Date, which maps years 0–99 to 1900–1999 and rolls
// 30 February over into March instead of refusing it.
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parsePartialDate(date: string): PartialDate | null {
  const match = isoPrefix.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) return null;
  const precision = day !== undefined ? 'day' : month !== undefined ? 'month' : 'year';
  return { year, month, day, precision };
}

/**
 * The precision an ISO date is written to ("1934" → year, "1934-12" → month, "1934-12-01" → day),
 * or null when it is not a real calendar date in one of those three forms.
 */
export function precisionOf(date: string): DatePrecision | null {
  return parsePartialDate(date)?.precision ?? null;
}

/**
 * The date as a reader sees it, to its own precision. `long`: "1934", "December 1934", "1 December 1934"
 * (the rail and the /timeline/ page); `short`: "1934", "Dec 1934", "1 Dec 1934" (the marks beside a passage).
 */
export function formatPartialDate(date: string, style: 'long' | 'short' = 'long'): string {
  const parsed = parsePartialDate(date);
  if (!parsed) throw new RangeError(`Unexpected date "${date}", expected YYYY, YYYY-MM or YYYY-MM-DD`);
  const { year, month, day } = parsed;
  if (month === undefined) return String(year);
  const name = MONTH_NAMES[month - 1] ?? '';
  const monthName = style === 'short' ? name.slice(0, 3) : name;
  return day === undefined ? `${monthName} ${year}` : `${day} ${monthName} ${year}`;
}
