import { z } from 'zod';

/** Values for a report's declared parameters (a schedule's, a run's, a burst recipient's). */
export const ParameterValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type ParameterValues = z.output<typeof ParameterValues>;
