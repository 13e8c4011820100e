import { mdiWebhook } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/subscriptions',
    name: 'subscriptions',
    component: () => import('./SubscriptionsPage.vue'),
    meta: { title: 'Subscriptions', nav: { title: 'Subscriptions', icon: mdiWebhook, order: 75 } },
  },
];
