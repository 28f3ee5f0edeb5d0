import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.js';

// The script checks run `changeset version` and git in scratch folders: allow them a minute.
export default mergeConfig(projectConfig('consumer'), { test: { testTimeout: 60_000 } });
