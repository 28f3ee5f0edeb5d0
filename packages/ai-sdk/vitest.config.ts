import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.js';

// Every test drives the real `ai` through a real factory whose adapters (official SDKs) load on
// the first call: on a loaded 2-core machine the first test of a file took over 15 s.
export default mergeConfig(projectConfig('ai-sdk'), { test: { testTimeout: 60_000 } });
