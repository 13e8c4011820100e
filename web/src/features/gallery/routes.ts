import { mdiImageMultipleOutline } from '@mdi/js';
import type { RouteRecordRaw } from 'vue-router';

export const routes: RouteRecordRaw[] = [
  {
    path: '/gallery',
    name: 'gallery',
    component: () => import('./GalleryPage.vue'),
    meta: { title: 'Gallery', nav: { title: 'Gallery', icon: mdiImageMultipleOutline, order: 40 } },
  },
];
