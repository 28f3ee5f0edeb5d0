import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { sharedPooledFetch } from './index.js';

test('one pool per process, made on first use; after close() the next call makes a new one', async () => {
  const server = createServer((_req, res) => res.end('ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const first = sharedPooledFetch();
    expect(sharedPooledFetch()).toBe(first);
    expect(await (await first(url)).text()).toBe('ok');
    await first.close();
    const second = sharedPooledFetch();
    expect(second).not.toBe(first);
    expect(await (await second(url)).text()).toBe('ok');
    await second.close();
  } finally {
    server.close();
  }
});
