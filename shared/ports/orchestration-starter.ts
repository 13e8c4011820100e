/** Starts Durable orchestrations (the Durable client in both hosts; a recorder in tests). */
export interface OrchestrationStarter {
  /** Whether an orchestration instance with this id exists in any state. */
  exists(instanceId: string): Promise<boolean>;
  start(orchestrator: string, instanceId: string, input: unknown): Promise<void>;
}
