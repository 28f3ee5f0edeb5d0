import { projectConfig } from '../../vitest.shared.js';

const base = projectConfig('modelmux');
// As in @modelmux/metrics: the shared 'module' condition picks @opentelemetry's bundler-only ESM
// build (extension-less imports that Node cannot load); resolve as Node does instead.
const nodeConditions = ['@modelmux/source', 'node', 'import', 'default'];
if (base.resolve) base.resolve.conditions = nodeConditions;
if (base.ssr?.resolve) base.ssr.resolve.conditions = nodeConditions;

export default base;
