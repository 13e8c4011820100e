// The composition root of the web app: runtime config, session, auth, API client, Vue Query, router, Vuetify.
import { VueQueryPlugin } from '@tanstack/vue-query';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createApiClient } from './api/api-client';
import { apiClientKey } from './api/use-api-client';
import App from './App.vue';
import StartupError from './app/StartupError.vue';
import { createAppQueryClient } from './app/query-client';
import { createAppVuetify } from './app/vuetify';
import { authServiceKey, createAuthService, createUserManager } from './auth/auth-service';
import { useSessionStore } from './auth/session-store';
import { loadRuntimeConfig } from './config/runtime-config';
import { createAppRouter } from './router';
import './app/global.css';

async function start(): Promise<void> {
  const vuetify = createAppVuetify();
  let config;
  try {
    config = await loadRuntimeConfig();
  } catch (error) {
    createApp(StartupError, { message: error instanceof Error ? error.message : String(error) })
      .use(vuetify)
      .mount('#app');
    return;
  }

  const pinia = createPinia();
  const session = useSessionStore(pinia);
  const userManager = createUserManager(config, window.location.origin, window.sessionStorage);
  const auth = createAuthService(userManager, session);
  await auth.restore();

  const api = createApiClient({
    baseUrl: config.apiBaseUrl,
    getAccessToken: () => auth.getAccessToken(),
    onUnauthorized: () => session.expired(),
  });
  const router = createAppRouter({ session, auth });

  const app = createApp(App);
  app.provide(apiClientKey, api);
  app.provide(authServiceKey, auth);
  app.use(pinia).use(vuetify).use(router).use(VueQueryPlugin, { queryClient: createAppQueryClient() });
  app.mount('#app');
}

void start();
