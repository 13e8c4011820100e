// ESLint flat config: type-checked rules everywhere, and import boundaries that keep the core host-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const hostPackages = ['@azure/functions', 'durable-functions', '@azure/functions-core'];

export default tseslint.config(
  // functions-core.d.ts is vendored from the Functions worker as is.
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      '*.mjs',
      'local/functions-core/functions-core.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The domain core never imports a host, and never the local host.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: hostPackages.map((name) => ({ name, message: 'shared/ must not import a Functions host.' })),
          patterns: [
            { group: ['**/local/**', '**/functions/**'], message: 'shared/ must not import a host.' },
          ],
        },
      ],
    },
  },
  {
    // Use cases talk to ports, never to an adapter (tests and their kits may build real adapters).
    files: ['shared/app/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: hostPackages.map((name) => ({ name, message: 'shared/ must not import a Functions host.' })),
          patterns: [
            { group: ['**/local/**', '**/functions/**'], message: 'shared/ must not import a host.' },
            { group: ['**/adapters/**'], message: 'shared/app uses ports (shared/ports), not adapters.' },
          ],
        },
      ],
    },
  },
  {
    // Pure domain: no I/O, no clock.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...hostPackages, 'fs', 'node:fs', 'http', 'node:http', 'net', 'node:net'].map((name) => ({
            name,
            message: 'shared/domain is pure: no I/O.',
          })),
          patterns: [{ group: ['**/adapters/**', '**/local/**', '**/functions/**', '@azure/*'] }],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the clock in.' },
      ],
    },
  },
  {
    // Only the config module reads the environment.
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    ignores: ['shared/config/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through shared/config.' },
      ],
    },
  },
  {
    // Orchestrators are deterministic.
    files: ['functions/orchestrators/*-orchestrator.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use context.df.currentUtcDateTime.' },
        { object: 'Math', property: 'random', message: 'Use context.df.newGuid.' },
        { object: 'process', property: 'env', message: 'No settings in an orchestrator.' },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch'],
    },
  },
  {
    // The web app: browser globals; formatting of templates is Prettier's job.
    files: ['web/src/**/*.ts', 'web/src/**/*.vue'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        DOMException: 'readonly',
        Intl: 'readonly',
        Response: 'readonly',
        Storage: 'readonly',
        atob: 'readonly',
        crypto: 'readonly',
        ClipboardEvent: 'readonly',
        Request: 'readonly',
        Element: 'readonly',
      },
    },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/valid-v-slot': ['error', { allowModifiers: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/shared/adapters/**',
                '**/shared/config/**',
                '**/local/**',
                '**/functions/**',
                'node:*',
              ],
              message:
                'The web app imports only browser-safe code: shared/contracts, shared/domain, shared/app/auth.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web build configs run in Node and have their own tsconfig (web/tsconfig.node.json).
    files: ['web/*.config.ts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false, project: null } },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': 'off',
    },
  },
);
