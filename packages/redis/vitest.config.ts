import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.js';

export default mergeConfig(projectConfig('redis'), {
  test: { globalSetup: ['./vitest.global-setup.ts'] },
});
