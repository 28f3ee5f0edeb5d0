// The README's first example, run as written (with a stand-in for the adapter's generate()).
import { type ChatRequest, predictCost } from '@modelmux/core';
import { expect, test } from 'vitest';
import { createBudgets } from './index.js';

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Hi' }],
  maxTokens: 50,
  metadata: { userId: 'u1' },
};
// A stand-in for an adapter's generate(): the request's answer cost $0.00002.
const openai = {
  generate: async (r: ChatRequest) => ({ costUsd: r.maxTokens === 50 ? 0.00002 : 0 }),
};

test('README example', async () => {
  const budgets = createBudgets({
    costLimitPerRequest: { openai: 0.05 },
    dailyCostLimit: { global: 20, perProvider: { openai: 10 } },
    monthlyCostLimit: 300,
    costLimitPerUser: { daily: 0.5 },
    costLimitPerTag: { batch: { monthly: 50 } },
    rateLimits: { openai: { rpm: 500, tpm: 200_000 } },
    timeZone: 'Europe/Berlin',
  });

  const predicted = predictCost('gpt-4o-mini', request);
  if (!predicted) throw new Error('no price for gpt-4o-mini in the catalogue');
  const hold = await budgets.reserve({
    provider: 'openai',
    model: 'gpt-4o-mini',
    metadata: request.metadata,
    predictedCostUsd: predicted.maxUsd,
    inputTokens: predicted.inputTokens,
  });
  try {
    const result = await openai.generate(request);
    await hold.settle(result.costUsd ?? predicted.maxUsd);
  } catch (error) {
    await hold.release();
    throw error;
  }

  expect(budgets.guard.check('openai', 0.01, { userId: 'u1' })).toBeUndefined();
  const usage = await budgets.getUsage();
  expect(usage.scopes.find((s) => s.userId === 'u1' && s.period === 'daily')).toMatchObject({
    spentUsd: 0.00002,
    reservedUsd: 0,
    remainingUsd: 0.5 - 0.00002,
  });
  expect(usage.scopes.map((s) => `${s.period}:${s.scope}`).sort()).toEqual([
    'daily:daily',
    'daily:daily',
    'daily:user',
    'monthly:monthly',
  ]);
  await budgets.close();
});
