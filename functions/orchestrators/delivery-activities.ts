import { deliver } from '../../shared/app/deliveries/deliver';
import { planDeliveries } from '../../shared/app/deliveries/plan-deliveries';
import { recordDeliverySummary } from '../../shared/app/deliveries/record-delivery-summary';
import { getDeps } from '../composition-root';
import { registerActivity } from './typed-activities';

/** Activities of the delivery step: the input parsed by the activity table, one use case each. */
registerActivity('planDeliveries', (ref) => planDeliveries(getDeps().deliveries, ref));
registerActivity('deliver', (request) => deliver(getDeps().deliveries, request));
registerActivity('recordDeliveries', (summary) => recordDeliverySummary(getDeps(), summary));
