import { describe, expect, test } from 'vitest';
import { BufferedResponse } from './buffered-response.js';

const make = (text = '{"a":1}') =>
  new BufferedResponse(new TextEncoder().encode(text), {
    status: 201,
    statusText: 'Created',
    headers: { 'content-type': 'application/json' },
  }) as unknown as Response;

describe('BufferedResponse (a JSON answer read whole)', () => {
  test('is a global Response with status, headers and the body as read', async () => {
    const res = make();
    expect(res).toBeInstanceOf(Response);
    expect([res.status, res.statusText, res.ok]).toEqual([201, 'Created', true]);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.bodyUsed).toBe(false);
    expect(await res.json()).toEqual({ a: 1 });
    expect(res.bodyUsed).toBe(true);
  });

  test('a second read fails as fetch does', async () => {
    const res = make();
    await res.text();
    await expect(res.json()).rejects.toBeInstanceOf(TypeError);
    await expect(res.arrayBuffer()).rejects.toBeInstanceOf(TypeError);
  });

  test('text, arrayBuffer, blob, bytes and the body stream give the same bytes', async () => {
    expect(await make('hé').text()).toBe('hé');
    expect(new TextDecoder().decode(await make('hé').arrayBuffer())).toBe('hé');
    expect(await (await make('hé').blob()).text()).toBe('hé');
    const reader = (make('hé').body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('hé');
    expect((await reader.read()).done).toBe(true);
  });

  test('reading the stream uses the body up; clone() before reading gives a second copy', async () => {
    const res = make();
    const copy = res.clone();
    await (res.body as ReadableStream<Uint8Array>).getReader().read();
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toBeInstanceOf(TypeError);
    expect(await copy.json()).toEqual({ a: 1 });
    expect(() => res.clone()).toThrow(TypeError);
  });
});
