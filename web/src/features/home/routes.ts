import { mdiViewDashboardOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('./HomePage.vue'),
    meta: { title: 'Dashboard', nav: { title: 'Dashboard', icon: mdiViewDashboardOutline, order: 0 } },
  },
];
