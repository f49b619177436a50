import * as v from 'valibot';

/**
 * The owner's bounds on a cadence that learns (issue 27, item 4): off until
 * the owner turns it on, and never moving a step by more than maxShiftDays.
 */
export const LearningSchema = v.object({
  enabled: v.optional(v.boolean(), false),
  /** The most days the first overdue reminder may come earlier. */
  maxShiftDays: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number of days'), v.minValue(1, 'must be at least 1'), v.maxValue(30, 'must be at most 30')), 7),
});
export type Learning = v.InferOutput<typeof LearningSchema>;
