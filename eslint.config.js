// Lint for mistakes, not for style: Prettier owns the layout. Type-aware rules catch promises left floating,
// which in a bot means an error nobody hears about.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'bench-results/',
      'data/',
      '**/.built/',
      'src/kb/typescript-worker.mjs',
      'src/search/vectors/nearest-neighbours.worker.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      // Control characters are matched on purpose: to strip them from questions and refuse them in file names.
      'no-control-regex': 'off',
    },
  },
);
