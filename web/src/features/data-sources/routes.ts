import { mdiDatabaseOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/data-sources',
    name: 'data-sources',
    component: () => import('./DataSourcesPage.vue'),
    meta: { title: 'Data sources', nav: { title: 'Data sources', icon: mdiDatabaseOutline, order: 55 } },
  },
];
