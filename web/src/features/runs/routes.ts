import { mdiHistory } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/runs',
    name: 'runs',
    component: () => import('./RunsPage.vue'),
    meta: { title: 'Runs', nav: { title: 'Runs', icon: mdiHistory, order: 30 } },
  },
  {
    path: '/runs/:id',
    name: 'run',
    component: () => import('./RunDetailPage.vue'),
    meta: { title: 'Run' },
  },
];
