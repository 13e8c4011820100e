import * as df from 'durable-functions';
import { deliver } from '../../shared/app/deliveries/deliver';
import { planDeliveries } from '../../shared/app/deliveries/plan-deliveries';
import { recordDeliverySummary } from '../../shared/app/deliveries/record-delivery-summary';
import { DeliverRequest, DeliveriesSummary } from '../../shared/contracts/delivery';
import { RunRef } from '../../shared/contracts/run-messages';
import { getDeps } from '../composition-root';

/** Activities of the delivery step (issue 5): parse the input, call one use case. */
df.app.activity('planDeliveries', {
  handler: (input: unknown) => planDeliveries(getDeps().deliveries, RunRef.parse(input)),
});

df.app.activity('deliver', {
  handler: (input: unknown) => deliver(getDeps().deliveries, DeliverRequest.parse(input)),
});

df.app.activity('recordDeliveries', {
  handler: (input: unknown) => recordDeliverySummary(getDeps(), DeliveriesSummary.parse(input)),
});
