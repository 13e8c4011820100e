import { z } from 'zod';
import { Id } from './primitives';
import { RunError, RunStatus } from './run';
import { ArtifactDetail } from './run-resources';

/** What a finished run produced: its outcome and its files, each with a signed download link. */
export const RunResult = z
  .strictObject({
    runId: Id,
    reportId: Id,
    status: RunStatus.exclude(['queued', 'running']),
    rowCount: z.number().int().nullable(),
    /** Why it failed (with a suggested fix); null when it succeeded. */
    error: RunError.nullable(),
    /** The run's files with signed URLs valid 7 days (none when it failed). */
    artifacts: z.array(ArtifactDetail),
  })
  .meta({ id: 'RunResult' });
export type RunResult = z.infer<typeof RunResult>;
