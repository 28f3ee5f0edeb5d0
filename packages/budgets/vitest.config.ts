import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.js';

export default mergeConfig(projectConfig('budgets'), {
  // The memory-store test measures the heap after a forced collection.
  test: { execArgv: ['--expose-gc'] },
});
