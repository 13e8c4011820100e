import { mdiSendOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/delivery-targets',
    name: 'delivery-targets',
    component: () => import('./DeliveryTargetsPage.vue'),
    meta: { title: 'Delivery targets', nav: { title: 'Delivery targets', icon: mdiSendOutline, order: 50 } },
  },
];
