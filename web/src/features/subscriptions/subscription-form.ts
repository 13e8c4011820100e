import type { SubscriptionEventType } from '../../../../shared/contracts/subscription';
import { optional } from '../../ui/crud/form-values';

export interface SubscriptionModel {
  url: string;
  events: SubscriptionEventType[];
  description: string;
}

export const emptySubscription = (): SubscriptionModel => ({
  url: '',
  events: ['run.failed'],
  description: '',
});

export const subscriptionRequest = (m: SubscriptionModel) => ({
  url: m.url.trim(),
  events: [...m.events],
  description: optional(m.description),
});

export const eventOptions: { value: SubscriptionEventType; title: string }[] = [
  { value: 'run.succeeded', title: 'A run succeeded' },
  { value: 'run.failed', title: 'A run failed' },
  { value: 'artifact.created', title: 'A file was produced' },
  { value: 'delivery.failed', title: 'A delivery failed for good' },
];

/** How a receiver checks an event: the same HMAC scheme as event triggers, over the raw body. */
export const verificationHelp =
  'Each event is POSTed as JSON with X-Event-Id (de-duplicate on it) and X-Signature: t=<unix>,v1=<hex>, ' +
  'where v1 is HMAC-SHA256 of "<t>.<raw body>" keyed with this secret.';
