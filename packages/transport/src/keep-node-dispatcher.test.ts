import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

// In a fresh process: importing the package (which loads undici 7) must not move Node's fetch
// onto undici 7's Agent.
test("importing @modelmux/transport leaves Node's fetch on Node's own dispatcher", () => {
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx/esm')).href;
  const index = pathToFileURL(new URL('./index.ts', import.meta.url).pathname).href;
  const script = `
    await import(${JSON.stringify(index)});
    const { Agent } = await import('undici');
    const dispatcher = globalThis[Symbol.for('undici.globalDispatcher.1')];
    console.log(JSON.stringify({ set: dispatcher !== undefined, undici7: dispatcher instanceof Agent }));
  `;
  const out = execFileSync(
    process.execPath,
    ['--conditions=@modelmux/source', '--import', tsx, '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  expect(JSON.parse(out.trim())).toEqual({ set: true, undici7: false });
});
