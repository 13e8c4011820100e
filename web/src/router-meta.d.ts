import 'vue-router';
import type { Role } from '../../shared/contracts/common';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (sign-in callbacks, the session-expired page). */
    public?: boolean;
    /** The page's title (document title and app bar). */
    title?: string;
    /** Shown in the navigation drawer: its label, an @mdi/js icon path, and its place (lower first). */
    nav?: { title: string; icon: string; order: number };
    /** Only these roles may open the page (others see "not allowed"); absent = every signed-in user. */
    roles?: Role[];
  }
}
