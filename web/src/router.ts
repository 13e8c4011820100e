/**
 * The router: the app's own pages (sign-in callbacks, session expired, not found) plus every feature's
 * `features/<feature>/routes.ts` (each exports `routes: RouteRecordRaw[]` with lazy components), and the guard
 * that sends a signed-out visitor to the issuer and an expired session to "sign in again".
 */
import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import type { AuthService } from './auth/auth-service';
import type { SessionStore } from './auth/session-store';

const featureModules = import.meta.glob<{ routes: RouteRecordRaw[] }>('./features/*/routes.ts', {
  eager: true,
});

export function featureRoutes(): RouteRecordRaw[] {
  return Object.values(featureModules).flatMap((module) => module.routes);
}

const appRoutes: RouteRecordRaw[] = [
  {
    path: '/auth/callback',
    component: () => import('./auth/AuthCallbackPage.vue'),
    meta: { public: true, title: 'Signing in' },
  },
  {
    path: '/auth/silent',
    component: () => import('./auth/SilentRenewPage.vue'),
    meta: { public: true, title: 'Renewing session' },
  },
  {
    path: '/session-expired',
    name: 'session-expired',
    component: () => import('./auth/SessionExpiredPage.vue'),
    meta: { public: true, title: 'Session expired' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./app/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
];

export interface RouterDeps {
  session: SessionStore;
  auth: Pick<AuthService, 'signIn'>;
  history?: ReturnType<typeof createWebHistory>;
}

export function createAppRouter(deps: RouterDeps): Router {
  const router = createRouter({
    history: deps.history ?? createWebHistory(),
    routes: [...featureRoutes(), ...appRoutes],
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });

  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const { session } = deps;
    if (session.status === 'expired') return { name: 'session-expired', query: { returnTo: to.fullPath } };
    if (session.status !== 'signed-in') {
      await deps.auth.signIn(to.fullPath);
      return false;
    }
    if (to.meta.roles && !to.meta.roles.some((role) => session.roles.includes(role))) {
      return {
        name: 'not-found',
        params: { pathMatch: to.path.slice(1).split('/') },
        query: { forbidden: '1' },
      };
    }
    return true;
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Report Scheduler` : 'Report Scheduler';
  });

  return router;
}
