/**
 * The execution metrics a run records (prom-client shapes, so the composition root passes the
 * registry's own and a test its own). Only the use cases' view: no prom-client import here.
 */
export interface RunMetrics {
  reportGenerationDuration: {
    observe(labels: { report_type: string; status: string }, seconds: number): void;
  };
  executionFailures: { inc(labels: { reason: string }): void };
  /** Schedule conditions evaluated after extract, by outcome (`send`, `skip`, `error`). */
  conditionsEvaluated?: { inc(labels: { result: 'send' | 'skip' | 'error' }): void };
  artifactSize: { observe(labels: { format: string }, bytes: number): void };
  /** Runs this process moved to running minus those it ended (summed over instances in Azure). */
  concurrentExecutions: { inc(): void; dec(): void };
}

/** The admission-time metrics: how late a scheduled fire starts, and runs refused before they start. */
export interface AdmissionMetrics {
  schedulerNextFireLag: { observe(seconds: number): void };
  executionFailures: { inc(labels: { reason: string }): void };
}
