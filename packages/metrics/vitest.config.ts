import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.js';

const base = projectConfig('metrics');
// The shared 'module' condition picks @opentelemetry's bundler-only ESM build (extension-less
// imports that Node cannot load); resolve as Node does instead.
const nodeConditions = ['@modelmux/source', 'node', 'import', 'default'];
if (base.resolve) base.resolve.conditions = nodeConditions;
if (base.ssr?.resolve) base.ssr.resolve.conditions = nodeConditions;

export default mergeConfig(base, {
  // The memory test measures the heap after a forced collection.
  test: { execArgv: ['--expose-gc'] },
});
