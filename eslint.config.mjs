import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/*.d.ts'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'] },
            {
              sourceTag: 'scope:adapter',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:testing', 'scope:adapter-shared'],
            },
            { sourceTag: 'scope:adapter-shared', onlyDependOnLibsWithTags: ['scope:core'] },
            { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:core'] },
            {
              sourceTag: 'scope:engine',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:testing', 'scope:engine'],
            },
            {
              sourceTag: 'scope:meta',
              onlyDependOnLibsWithTags: [
                'scope:core',
                'scope:adapter',
                'scope:adapter-shared',
                'scope:engine',
                'scope:testing',
              ],
            },
            {
              // Drop-ins for other libraries (AI SDK, LangChain) and the gateway: built on the
              // factory's public API, so they may use everything below it, never each other's insides.
              sourceTag: 'scope:integration',
              onlyDependOnLibsWithTags: [
                'scope:core',
                'scope:adapter',
                'scope:adapter-shared',
                'scope:engine',
                'scope:meta',
                'scope:testing',
              ],
            },
            {
              sourceTag: 'scope:app',
              onlyDependOnLibsWithTags: [
                'scope:core',
                'scope:adapter',
                'scope:adapter-shared',
                'scope:engine',
                'scope:meta',
                'scope:integration',
                'scope:testing',
                // apps/agent reuses apps/rag's corpus index (both are demo apps, never published).
                'scope:app',
              ],
            },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test-d.ts'],
  },
  // Last: turns off the stylistic rules that Prettier owns (e.g. no-unexpected-multiline).
  prettier,
];
