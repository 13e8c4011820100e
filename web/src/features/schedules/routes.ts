import { mdiCalendarClock } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/schedules',
    component: () => import('./ScheduleListPage.vue'),
    meta: { title: 'Schedules', nav: { title: 'Schedules', icon: mdiCalendarClock, order: 20 } },
  },
  {
    path: '/schedules/new',
    component: () => import('./ScheduleBuilderPage.vue'),
    meta: { title: 'New schedule', roles: ['tenant_admin', 'report_creator'] },
  },
  {
    path: '/schedules/:id',
    component: () => import('./ScheduleDetailPage.vue'),
    meta: { title: 'Schedule' },
  },
  {
    path: '/schedules/:id/edit',
    component: () => import('./ScheduleBuilderPage.vue'),
    meta: { title: 'Edit schedule', roles: ['tenant_admin', 'report_creator'] },
  },
];
