export interface OutgoingMessage {
  body: unknown;
  /** Stable id: Service Bus drops a duplicate within its detection window; consumers de-duplicate on it too. */
  messageId: string;
  /** Deliver no earlier than this (scheduled message / visibility delay). */
  scheduledFor?: Date;
}

/** Execution messages between the scheduler and the workers (Service Bus in Azure, Storage queues locally). */
export interface MessageBus {
  publish(queue: string, message: OutgoingMessage): Promise<void>;
  ping(): Promise<void>;
  /** Messages waiting in `queue` (approximate), for service_bus_queue_depth; a bus without it reports none. */
  depth?(queue: string): Promise<number>;
}
