import { compileCondition, ConditionError } from '../../../../shared/app/conditions/compile-condition';

/** Examples the condition field offers, each a kind the API accepts. */
export const conditionExamples = ['rowCount > 0', 'sum(amount) > 100000', 'changed'] as const;

/**
 * What is wrong with a schedule's condition, as the API would say it (the same compiler), or null when it
 * is fine or empty (empty: always send). Checked as the user types; the API checks again on save.
 */
export function checkCondition(text: string): string | null {
  if (!text.trim()) return null;
  try {
    compileCondition(text.trim());
    return null;
  } catch (err) {
    if (err instanceof ConditionError) return `${err.message}. ${err.suggestedFix}`;
    throw err;
  }
}
