import { TransformSpec } from '../../contracts/transform';
import { AppError } from '../../domain/errors';
import type { QueryResult, Row } from '../../ports/data-source';
import { defaultTransformLimits, planTransforms, type TransformLimits } from './plan-transforms';

/**
 * Applies a report's transforms to a query's rows, in order. select, rename, filter, compute and limit
 * stream batch by batch (a limit stops reading the source early); sort and group-by read everything,
 * within `limits` (TRANSFORM_FAILED beyond). Invalid transforms fail with TRANSFORM_FAILED before any
 * row is read (they are checked when the report is saved, so this means the data changed shape).
 */
export function applyTransforms(
  spec: unknown,
  input: QueryResult,
  limits: Partial<TransformLimits> = {},
): QueryResult {
  const transforms = TransformSpec.parse(spec);
  const plan = planTransforms(transforms, input.columns, { ...defaultTransformLimits, ...limits });
  if (plan.problems.length) {
    const first = plan.problems[0]!;
    throw new AppError('TRANSFORM_FAILED', `The transform ${first.field} ${first.message}`, {
      issues: plan.problems.slice(0, 20),
    });
  }
  const batches = plan.stages.reduce<AsyncIterable<Row[]>>((rows, stage) => stage(rows), input.batches);
  return { columns: plan.columns ?? input.columns, batches };
}
