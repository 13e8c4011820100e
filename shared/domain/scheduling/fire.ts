/** A fire time of a schedule, and what the computations need besides the rule. */
export type DstAdjustment = 'shifted_forward' | 'second_occurrence';

export interface Fire {
  utc: Date;
  /** ISO 8601 local date-time in the schedule's zone with its offset, e.g. `2025-03-09T03:30:00-04:00`. */
  local: string;
  /** Set when DST moved the fire: pushed out of a spring-forward gap, or the repeat of a fall-back hour. */
  dstAdjusted?: DstAdjustment;
}

export interface FireContext {
  /** The tenant's holidays as local `YYYY-MM-DD` dates; they are not business days. */
  holidays?: ReadonlySet<string>;
}

/** A fire as the searches produce it: epoch milliseconds, before it is dressed as a `Fire`. */
export interface FireInstant {
  utc: number;
  dstAdjusted?: DstAdjustment;
}
