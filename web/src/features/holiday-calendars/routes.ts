import { mdiCalendarRemoveOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/holiday-calendars',
    name: 'holiday-calendars',
    component: () => import('./HolidayCalendarsPage.vue'),
    meta: {
      title: 'Holiday calendars',
      nav: { title: 'Holiday calendars', icon: mdiCalendarRemoveOutline, order: 60 },
    },
  },
];
