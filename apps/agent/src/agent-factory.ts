import { type AppFactory, type AppFactoryOptions, createAppFactory } from '@modelmux/app-rag';
import { agentRoutingRules } from './routing.js';

/**
 * `createAppFactory` (fakes offline, real providers with keys) with the agent's routing rules in
 * the config: tool selection by cost, synthesis by quality. Rules given in `options.config` come
 * first, so they can pin a kind of step to a provider (`{ when: { task: 'synthesis' }, use: 'anthropic' }`).
 */
export function createAgentFactory(
  options: Omit<AppFactoryOptions, 'config'> & { config?: AppFactoryOptions['config'] } = {},
): Promise<AppFactory> {
  const { config, ...rest } = options;
  return createAppFactory({
    ...rest,
    config: (providers) => {
      const extra = typeof config === 'function' ? config(providers) : (config ?? {});
      return { ...extra, rules: [...(extra.rules ?? []), ...agentRoutingRules] };
    },
  });
}
