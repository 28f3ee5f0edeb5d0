import type { RoutingRule } from '@modelmux/core';

/** The `metadata.task` of each kind of agent step, which the config's `rules` match. */
export type AgentStepKind = 'tool-selection' | 'synthesis';

/**
 * The agent's default routing rules (config key `rules`): tool-selection steps by `cost` (the
 * cheapest provider for that request), the final synthesis by `quality` (the best model). They
 * name no provider, so they hold for any set of providers, and fallback keeps every provider.
 * Pin providers instead with `{ when: { task: 'synthesis' }, use: 'anthropic' }`.
 */
export const agentRoutingRules: RoutingRule[] = [
  {
    name: 'agent tool-selection → cheapest',
    when: { task: 'tool-selection' },
    use: { strategy: 'cost' },
  },
  {
    name: 'agent synthesis → best quality',
    when: { task: 'synthesis' },
    use: { strategy: 'quality' },
  },
];
