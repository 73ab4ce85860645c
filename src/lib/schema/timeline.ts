import { z } from 'zod';
import { datePrecisions, precisionOf } from '../timeline/partial-date.ts';
import { webUrlSchema } from './web-url.ts';

/*
 * A timeline event, `content/timeline/<id>.yaml`: one file per event, the file name is its id (its
 * anchor on /timeline/). The same files give the rail beside the text, the date marks on each passage,
 * the /timeline/ page and /timeline.json, so the two directions of the link between an event and a
 * passage cannot disagree.
 */

// YAML reads an unquoted 1934-12-01 as a timestamp (and 1934-02-30 as 2 March) and 1934 as a number,
// so a date that is not a string is refused rather than converted.
const dateSchema = z.string({
  error: (issue) =>
    issue.input instanceof Date || typeof issue.input === 'number'
      ? 'write the date in quotes, e.g. date: "1934-12-01" (unquoted, YAML reads it as a number or a timestamp)'
      : 'expected an ISO date in quotes: "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
});

/** How much of the date the source supports. */
export const datePrecisionSchema = z.enum(datePrecisions, {
  error: 'expected precision: year, month or day',
});

/** Where the facts of an event come from; the reader sees it on /timeline/. */
export const eventSourceSchema = z.strictObject({
  /** The source as the reader sees it: who, what, where, and the words that support the event. Required. */
  text: z.string().trim().min(1, { error: 'name the source in `text`' }),
  /** A link to the source when it is online and may be linked to. Default: none. */
  url: webUrlSchema('https://en.wikipedia.org/wiki/Assassination_of_Sergei_Kirov').optional(),
});

/** A passage's stable id: the part of its link after `#`. */
const passageIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: 'expected a passage id such as "zinoviev-and-kamenev-are-no-fools"',
});

/** The frontmatter-free YAML of one event. Unknown keys are refused, so that a misspelt field is not lost. */
export const timelineEventSchema = z
  .strictObject({
    /** ISO 8601 date, quoted, written to its precision: "1934", "1934-12" or "1934-12-01". Required. */
    date: dateSchema,
    /** `year`, `month` or `day`; must match how `date` is written. Required. */
    precision: datePrecisionSchema,
    /** A few words, shown in the rail beside the text: at most 60 characters. Required. */
    title: z
      .string()
      .trim()
      .min(1, { error: 'give the event a title' })
      .max(60, { error: 'keep the title to 60 characters, the width of the timeline rail' }),
    /** One paragraph saying what happened and, where sources disagree, which date is followed and why. Required. */
    summary: z
      .string()
      .trim()
      .min(1, { error: 'write a one-paragraph summary' })
      .refine((text) => !/\n\s*\n/.test(text), {
        error: 'keep the summary to one paragraph (no blank line)',
      }),
    /**
     * True for background (what led up to the Kirov affair, what came of it); false for the affair itself.
     * Only a context event may have no passages. Default: false.
     */
    context: z.boolean().default(false),
    /**
     * Ids of the passages the event concerns, the most relevant first (the rail links to the first one on
     * the page being read, else to the first). Each must be a live passage of the edition. Default: none.
     */
    passages: z.array(passageIdSchema).default([]),
    /** Where the facts come from. Required. */
    source: eventSourceSchema,
  })
  .superRefine((event, context) => {
    const written = precisionOf(event.date);
    if (written === null) {
      context.addIssue({
        code: 'custom',
        path: ['date'],
        message: `date "${event.date}" is not a real date written as "YYYY", "YYYY-MM" or "YYYY-MM-DD"`,
      });
    } else if (written !== event.precision) {
      const example = { year: '"1934"', month: '"1934-12"', day: '"1934-12-01"' }[event.precision];
      context.addIssue({
        code: 'custom',
        path: ['date'],
        message: `date "${event.date}" is written to ${written} precision but precision is ${event.precision}; write the date as ${example} or set precision: ${written}`,
      });
    }
    if (event.passages.length === 0 && !event.context) {
      context.addIssue({
        code: 'custom',
        path: ['passages'],
        message:
          'passages is empty; list the ids of the passages this event concerns, or set context: true for a background event that no passage refers to',
      });
    }
    event.passages.forEach((id, index) => {
      if (event.passages.indexOf(id) !== index) {
        context.addIssue({
          code: 'custom',
          path: ['passages', index],
          message: `passage "${id}" is listed twice; list each passage once`,
        });
      }
    });
  });

export type DatePrecision = z.infer<typeof datePrecisionSchema>;
export type EventSource = z.infer<typeof eventSourceSchema>;
export type TimelineEventData = z.infer<typeof timelineEventSchema>;
