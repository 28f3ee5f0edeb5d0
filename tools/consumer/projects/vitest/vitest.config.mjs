// A user's vitest config; the long timeouts only spare a loaded CI machine a false failure.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
