import type { ActionSignature } from './history-event';
import { describeSignature, type OrchestratorAction, signatureOf } from './orchestrator-actions';

/**
 * Compares the actions a replay returned with those earlier episodes recorded (same kind and name,
 * in order). Returns the failure message for the first difference, or undefined when they agree.
 */
export function findNonDeterminism(
  recorded: readonly ActionSignature[],
  replayed: readonly OrchestratorAction[],
): string | undefined {
  for (let i = 0; i < recorded.length; i++) {
    const expected = recorded[i]!;
    const action = replayed[i];
    const actual = action ? signatureOf(action) : undefined;
    if (actual && actual.kind === expected.kind && actual.name === expected.name) continue;
    const got = actual ? `returned ${describeSignature(actual)} instead` : 'did not return it';
    return (
      `NonDeterministicOrchestrationException: Non-Deterministic workflow detected: a previous execution of this ` +
      `orchestration returned ${describeSignature(expected)} as action #${i}, but the current replay ${got}. ` +
      `Was a change made to the orchestrator code after this instance had already started running?`
    );
  }
  return undefined;
}
