import { Hono } from 'hono';
import { z } from 'zod';
import type { Runtime } from '../runtime.js';
import { errorResponse } from './errors.js';
import { readUsage } from './key-usage.js';
import { view } from '../keys/virtual-keys.js';

const usd = z
  .number({ error: 'expected USD as a number, e.g. 5' })
  .positive({ error: 'expected USD above 0' });
const perMinute = (what: string) =>
  z
    .number({ error: `expected ${what} per minute as a whole number` })
    .int()
    .positive();

/** The body of `POST /admin/keys`. */
export const CreateKeySchema = z.strictObject({
  name: z.string({ error: "expected a name such as 'search-service'" }).min(1).max(200),
  budget: z.strictObject({ daily: usd.optional(), monthly: usd.optional() }).optional(),
  rpm: perMinute('requests').optional(),
  tpm: perMinute('tokens').optional(),
  models: z
    .array(z.string().min(1), { error: "expected model ids, e.g. ['auto', 'openai/gpt-4o-mini']" })
    .optional(),
  metadata: z.record(z.string(), z.unknown(), { error: 'expected an object' }).optional(),
  expiresAt: z
    .union([z.number().int().positive(), z.iso.datetime()], {
      error: "expected epoch ms or an ISO date such as '2027-01-01T00:00:00Z'",
    })
    .transform((v) => (typeof v === 'number' ? v : Date.parse(v)))
    .optional(),
  maxConcurrency: z
    .number()
    .int()
    .positive({ error: 'expected a whole number above 0' })
    .optional(),
});

function badRequest(error: z.ZodError): Response {
  const issue = error.issues[0];
  const param = issue?.path.map(String).join('.') ?? '';
  return errorResponse('bad_request', `${param || 'body'}: ${issue?.message ?? 'invalid'}`, {
    param,
  });
}

/**
 * The admin API (the caller has shown the master key): create, list, rotate, revoke keys and
 * read a key's usage. The secret is in the create and rotate answers only.
 */
export function adminRoutes(runtime: () => Runtime): Hono {
  const app = new Hono();
  app.post('/keys', async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return errorResponse(
        'bad_request',
        'body: expected a JSON object such as { "name": "search-service" }',
        {
          param: 'body',
        },
      );
    }
    const parsed = CreateKeySchema.safeParse(json);
    if (!parsed.success) return badRequest(parsed.error);
    const { key, id, record } = await runtime().keys.create(parsed.data);
    return c.json({ ...view(record), key, id }, 201);
  });
  app.get('/keys', async (c) => c.json({ data: await runtime().keys.list() }));
  app.post('/keys/:id/rotate', async (c) => {
    const rotated = await runtime().keys.rotate(c.req.param('id'));
    return rotated
      ? c.json(rotated)
      : errorResponse('not_found', 'no active key with this id', { param: 'id' });
  });
  app.delete('/keys/:id', async (c) => {
    const revoked = await runtime().keys.revoke(c.req.param('id'));
    return revoked
      ? c.json(revoked)
      : errorResponse('not_found', 'no key with this id', { param: 'id' });
  });
  app.get('/keys/:id/usage', async (c) => {
    const rt = runtime();
    const record = await rt.keys.get(c.req.param('id'));
    if (!record) return errorResponse('not_found', 'no key with this id', { param: 'id' });
    const [totals, budgets] = await Promise.all([
      readUsage(rt.store, record.id),
      rt.keyLimits.usage(record),
    ]);
    return c.json({ id: record.id, name: record.name, totals, budgets });
  });
  return app;
}
