// The dashboard in a real browser (Debian chromium through playwright-core): sign in with the
// master key, send traffic through the gateway, and watch the panels update — numbers, a budget
// bar filling, the breaker opening after a scripted outage. Screenshots go to .test-results/screenshots (docs/ with MODELMUX_UPDATE_SCREENSHOTS=1).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { masterKey, useGateway } from '../__fixtures__/gateway-fixture.js';

const executablePath = '/usr/bin/chromium';
const installed = existsSync(executablePath);
if (!installed && process.env['CI'])
  throw new Error(
    'chromium is missing in CI: .ci/run installs it (apt-get install -y --no-install-recommends chromium)',
  );
// Each run keeps its screenshots with the test results (CI's artefacts); the README's copies in
// docs/ are rewritten only on request (MODELMUX_UPDATE_SCREENSHOTS=1), so a test run leaves the
// checkout clean.
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docs = process.env['MODELMUX_UPDATE_SCREENSHOTS']
  ? join(packageRoot, 'docs')
  : join(packageRoot, '.test-results', 'screenshots');

const { fake, start } = useGateway();

describe.runIf(installed)('the dashboard in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  test('login, live numbers, a budget bar filling, the breaker opening after an outage', async () => {
    const run = await start(
      {
        primaryProvider: 'openai',
        fallbackProviders: ['anthropic'],
        maxRetries: 0,
        dailyCostLimit: 1,
      },
      {
        factoryOptions: {
          breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 600_000 },
        },
      },
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const login = await page.goto(`${run.url}/ui`);
    expect(login?.status()).toBe(401);
    await page.fill('input[name=key]', 'not-the-key');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=That is not the master key.');
    await page.fill('input[name=key]', masterKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=rps]');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'mmx_ui')).toMatchObject({ httpOnly: true });
    expect(JSON.stringify(cookies)).not.toContain(masterKey);

    const { key } = await run.newKey({ name: 'checkout-service', budget: { daily: 0.001 } });
    const prompt = 'a prompt the dashboard must never show';
    const send = (apiKey: string, stream = false) =>
      fetch(`${run.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'auto',
          messages: [{ role: 'user', content: prompt }],
          max_tokens: 50,
          stream,
        }),
      }).then((r) => r.text());
    for (let i = 0; i < 8; i++) await send(key, i % 2 === 1);

    await expect
      .poll(async () => Number(await page.textContent('[data-testid=total]')), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(8);
    expect(Number(await page.textContent('[data-testid=p50]'))).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=ttft]')).toMatch(/^\d+ \/ \d+$/);
    await expect
      .poll(
        async () =>
          Number(
            await page.getAttribute(
              '[data-budget="key checkout-service"] [data-testid=budget-fill]',
              'data-pct',
            ),
          ),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid=recent] tbody tr').count()).toBeGreaterThanOrEqual(8);
    expect(await page.textContent('[data-testid=recent]')).toContain('checkout-service');
    expect(await page.textContent('[data-testid=breaker-openai]')).toBe('closed');
    mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: join(docs, 'dashboard.png'), fullPage: true });

    // The scripted outage: openai fails every call; requests fall back, then the breaker opens.
    fake().rules('openai', { failRate: 1, failWith: { status: 503 } });
    for (let i = 0; i < 12; i++) await send(masterKey);
    await expect
      .poll(() => page.textContent('[data-testid=breaker-openai]'), { timeout: 10_000 })
      .toBe('open');
    expect(Number(await page.textContent('[data-testid=fallbacks]'))).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=providers]')).toMatch(/breaker_open/);
    await page.screenshot({ path: join(docs, 'dashboard-outage.png'), fullPage: true });

    const html = await page.content();
    for (const secret of [prompt, key, masterKey]) expect(html).not.toContain(secret);
    await page.close();
  }, 120_000);
});
