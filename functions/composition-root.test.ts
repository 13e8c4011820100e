import { afterEach, expect, it } from 'vitest';
import { getDeps, installDeps } from './composition-root';
import { testConfig, testDeps } from './http/testing/http-test-kit';

let uninstall = () => {};
afterEach(() => uninstall());

it('serves the installed parts until they are uninstalled, and refuses a second owner meanwhile', () => {
  const deps = testDeps(testConfig());
  uninstall = installDeps(deps);
  expect(getDeps()).toBe(deps);
  expect(() => installDeps(testDeps(testConfig()))).toThrow(/already installed/);
  expect(getDeps()).toBe(deps);

  uninstall();
  // Nothing installed: built from process.env, which lacks the AUTH_* settings here.
  expect(() => getDeps()).toThrow();
});

it('builds from an installed builder once, on first use', () => {
  let built = 0;
  const deps = testDeps(testConfig());
  uninstall = installDeps(() => (built++, deps));
  expect(built).toBe(0);
  expect(getDeps()).toBe(deps);
  expect(getDeps()).toBe(deps);
  expect(built).toBe(1);
});
