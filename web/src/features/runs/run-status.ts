import {
  mdiAlertCircle,
  mdiCalendarRemove,
  mdiCancel,
  mdiCheckCircle,
  mdiClockOutline,
  mdiEmailAlert,
  mdiProgressClock,
  mdiSendClock,
  mdiSkipNextCircleOutline,
} from '@mdi/js';
import type { DeliveryStatus } from '../../../../shared/contracts/delivery';
import type { RunStatus } from '../../../../shared/contracts/run';

/** How a status is shown: words, a Vuetify colour and an @mdi/js icon path (never colour alone). */
export interface StatusLook {
  label: string;
  color: 'success' | 'error' | 'warning' | 'info' | 'grey';
  icon: string;
}

const runLooks: Record<RunStatus, StatusLook> = {
  queued: { label: 'Queued', color: 'grey', icon: mdiClockOutline },
  running: { label: 'Running', color: 'info', icon: mdiProgressClock },
  succeeded: { label: 'Succeeded', color: 'success', icon: mdiCheckCircle },
  failed: { label: 'Failed', color: 'error', icon: mdiAlertCircle },
  aborted: { label: 'Cancelled', color: 'warning', icon: mdiCancel },
  missed: { label: 'Missed', color: 'warning', icon: mdiCalendarRemove },
  skipped: { label: 'Skipped', color: 'grey', icon: mdiSkipNextCircleOutline },
};

const deliveryLooks: Record<DeliveryStatus, StatusLook> = {
  pending: { label: 'Pending', color: 'grey', icon: mdiClockOutline },
  sending: { label: 'Sending', color: 'info', icon: mdiSendClock },
  sent: { label: 'Sent', color: 'success', icon: mdiCheckCircle },
  failed: { label: 'Failed', color: 'error', icon: mdiAlertCircle },
  dead: { label: 'Dead letter', color: 'error', icon: mdiEmailAlert },
};

export const runStatusLook = (status: RunStatus): StatusLook => runLooks[status];
export const deliveryStatusLook = (status: DeliveryStatus): StatusLook => deliveryLooks[status];

/** Queued and running runs still change; the others are final (a retry is a new run). */
export const isRunActive = (status: RunStatus): boolean => status === 'queued' || status === 'running';

/** A delivery that may still change without anyone acting. */
export const isDeliveryActive = (status: DeliveryStatus): boolean =>
  status === 'pending' || status === 'sending';

/** Dead and failed deliveries can be sent again (POST /deliveries/{id}/redrive answers 409 otherwise). */
export const canRedrive = (status: DeliveryStatus): boolean => status === 'dead' || status === 'failed';

export const runStatusOptions = Object.entries(runLooks).map(([value, look]) => ({
  value: value as RunStatus,
  title: look.label,
}));
