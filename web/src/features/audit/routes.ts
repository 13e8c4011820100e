import { mdiShieldSearch } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./AuditPage.vue'),
    meta: {
      title: 'Audit log',
      roles: ['tenant_admin'],
      nav: { title: 'Audit log', icon: mdiShieldSearch, order: 90 },
    },
  },
];
