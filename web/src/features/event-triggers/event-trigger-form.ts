import type { EventTriggerResource } from '../../../../shared/contracts/event-trigger';
import { optional } from '../../ui/crud/form-values';

export interface EventTriggerModel {
  name: string;
  reportId: string;
  description: string;
  active: boolean;
}

export const emptyTrigger = (): EventTriggerModel => ({
  name: '',
  reportId: '',
  description: '',
  active: true,
});

export const triggerToModel = (t: EventTriggerResource): EventTriggerModel => ({
  name: t.name,
  reportId: t.reportId,
  description: t.description,
  active: t.active,
});

export const triggerRequest = (m: EventTriggerModel) => ({
  name: m.name,
  reportId: m.reportId,
  description: optional(m.description),
  active: m.active,
});
