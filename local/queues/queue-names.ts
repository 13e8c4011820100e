/** Azure Storage queue names: 3-63 chars of a-z, 0-9 and single hyphens, starting and ending alphanumeric. */
const validQueueName = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export function assertStorageQueueName(name: string, what: string): string {
  if (!validQueueName.test(name)) {
    throw new Error(
      `${what}: "${name}" is not a valid storage queue name (3-63 lower-case letters, digits and single hyphens).`,
    );
  }
  return name;
}

/** The poison queue the host moves a message to after maxDequeueCount failed attempts. */
export const poisonQueueName = (queueName: string): string => `${queueName}-poison`;

/**
 * Maps a Service Bus entity name to the storage queue that stands in for it locally: lower-cased,
 * every run of other characters (".", "/", "_", "$" ...) turned into one "-", trimmed to 56 characters
 * so that "-poison" still fits, padded to 3. E.g. "Report.Runs" -> "report-runs".
 */
export function toLocalQueueName(entityName: string): string {
  let name = entityName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  name = name.slice(0, 56).replace(/-+$/, '');
  while (name.length < 3) name += '0';
  return name;
}

/**
 * The local queue a Service Bus trigger reads: the queue's own name, or for a topic trigger the topic's
 * name (all subscriptions of a topic share that one queue locally: no fan-out).
 */
export function serviceBusLocalQueueName(entity: {
  queueName?: string | undefined;
  topicName?: string | undefined;
}): string {
  const name = entity.queueName ?? entity.topicName;
  if (!name) throw new Error('A Service Bus trigger needs a queueName or a topicName.');
  return toLocalQueueName(name);
}
