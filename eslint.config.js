// Lint: typescript-eslint's recommended rules, shadowing and unused names as errors, and the regexp plugin
// (catches regexes that backtrack badly or match something other than they seem to). Formatting is
// Prettier's (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-artifacts/', '.diplograph/', 'neo4j/', 'docker/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'no-shadow': 'off',
      '@typescript-eslint/no-shadow': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // A group kept only for grouping is written (?:…), so a capturing group always means its text is read.
      'regexp/no-unused-capturing-group': ['error', { fixable: true }],
    },
  },
  {
    // Tests read GraphQL answers as loose JSON (`data.network.edges[0].node…`): typing each answer would
    // repeat the SDL in every test for no added check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
