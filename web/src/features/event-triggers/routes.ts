import { mdiLightningBoltOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/event-triggers',
    name: 'event-triggers',
    component: () => import('./EventTriggersPage.vue'),
    meta: {
      title: 'Event triggers',
      nav: { title: 'Event triggers', icon: mdiLightningBoltOutline, order: 70 },
    },
  },
];
