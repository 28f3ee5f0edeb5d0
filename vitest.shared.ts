import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings for every project: sibling packages resolve to their sources
 * through the `@modelmux/source` export condition, type tests run from `*.test-d.ts`, and any
 * unhandled rejection fails the run (vitest's default, kept explicit).
 */
export function projectConfig(name: string) {
  return defineConfig({
    resolve: { conditions: ['@modelmux/source', 'node', 'import', 'default'] },
    ssr: {
      resolve: {
        conditions: ['@modelmux/source', 'node', 'import', 'default'],
        externalConditions: ['@modelmux/source'],
      },
    },
    test: {
      name,
      include: ['src/**/*.test.ts'],
      environment: 'node',
      dangerouslyIgnoreUnhandledErrors: false,
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      testTimeout: 15_000,
      // The JSON report feeds tools/scripts/test-summary.mjs, which prints CI's closing count.
      reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    },
  });
}
