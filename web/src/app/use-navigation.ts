import { computed } from 'vue';
import { useRouter } from 'vue-router';
import { useSessionStore } from '../auth/session-store';

export interface NavItem {
  title: string;
  icon: string;
  to: string;
}

/** The drawer's entries: every route with `meta.nav` the user's roles may open, in `order`. */
export function useNavigation() {
  const router = useRouter();
  const session = useSessionStore();
  return computed<NavItem[]>(() =>
    router
      .getRoutes()
      .filter((route) => route.meta.nav && !route.path.includes(':'))
      .filter((route) => !route.meta.roles || route.meta.roles.some((role) => session.roles.includes(role)))
      .sort((a, b) => (a.meta.nav?.order ?? 0) - (b.meta.nav?.order ?? 0))
      .map((route) => ({ title: route.meta.nav!.title, icon: route.meta.nav!.icon, to: route.path })),
  );
}
