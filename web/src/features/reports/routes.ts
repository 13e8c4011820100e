import { mdiFileChartOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/reports',
    component: () => import('./ReportListPage.vue'),
    meta: { title: 'Reports', nav: { title: 'Reports', icon: mdiFileChartOutline, order: 10 } },
  },
  {
    path: '/reports/new',
    component: () => import('./ReportEditorPage.vue'),
    meta: { title: 'New report', roles: ['tenant_admin', 'report_creator'] },
  },
  { path: '/reports/:id', component: () => import('./ReportEditorPage.vue'), meta: { title: 'Report' } },
];
