// @ts-check
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** An import specifier that reaches into another source folder, by alias or relative path. */
const folder = (name) => `(^|/)${name}(/|$)`
const nodeBuiltins = '^(node:|(fs|path|os|child_process|net|http|https|crypto|worker_threads)(/|$))'

const restrict = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map(([regex, message]) => ({ regex, message })) },
  ],
})

/**
 * The dependency direction of DESIGN.md §2. Each rule names what the folder may not import;
 * crossing a line fails `npm run lint`, so the architecture holds without anyone policing it.
 */
const boundaries = [
  {
    files: ['src-shared/**/*.{ts,tsx}'],
    rules: restrict(
      ['^electron$', 'src-shared is pure and runs everywhere: it may not import electron.'],
      [folder('src-(main|renderer|server|preload)'), 'src-shared imports no other source folder.'],
      [nodeBuiltins, 'src-shared does no I/O: keep Node APIs in src-main or src-server.'],
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: restrict(
      [
        '^electron$',
        'Only src-main/electron/ may import electron; services must run in plain Node.',
      ],
      [folder('src-(renderer|server|preload)'), 'src-main may import only src-shared.'],
    ),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: restrict([
      folder('src-(renderer|server|preload)'),
      'src-main may import only src-shared.',
    ]),
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: restrict([
      '^(?!electron$|@shared/ipc/)',
      'The preload may import only electron and the IPC contract (@shared/ipc/*).',
    ]),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: restrict(
      ['^electron$', 'The renderer reaches main only through window.tierline.'],
      [folder('src-(main|server|preload)'), 'The renderer may import only src-shared.'],
      [nodeBuiltins, 'The renderer runs in a sandbox without Node APIs.'],
    ),
  },
  {
    files: ['src-server/**/*.ts'],
    rules: restrict(
      ['^electron$', 'The sync server never runs in Electron.'],
      [folder('src-(main|renderer|preload)'), 'src-server may import only src-shared.'],
    ),
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      // Parallel end-to-end builds (TIERLINE_OUT_DIR=.out-<name>), git-ignored too.
      '.out-*/',
      'dist/',
      'build/',
      'test-results/',
      'playwright-report/',
      'resources/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Playwright fixtures take an empty destructuring pattern by design.
    files: ['test/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { 'no-empty-pattern': 'off' },
  },
  ...boundaries,
  prettier,
)
