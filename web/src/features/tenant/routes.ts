import { mdiDomain } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/settings/tenant',
    name: 'tenant-settings',
    component: () => import('./TenantSettingsPage.vue'),
    meta: {
      title: 'Tenant settings',
      roles: ['tenant_admin'],
      nav: { title: 'Tenant settings', icon: mdiDomain, order: 95 },
    },
  },
];
