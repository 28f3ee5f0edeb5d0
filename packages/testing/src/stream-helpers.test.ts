import { ProviderError, type StreamEvent } from '@modelmux/core';
import { describe, expect, it } from 'vitest';
import { collectEvents, providerFailure, streamFailure } from './stream-helpers.js';

const delta: StreamEvent = { type: 'text-delta', text: 'hi' };
const boom = new ProviderError({ kind: 'network', provider: 'p', message: 'cut' });

async function* events(fail?: unknown): AsyncIterable<StreamEvent> {
  yield delta;
  if (fail !== undefined) throw fail;
}

describe('stream helpers', () => {
  it('collectEvents returns every event, and rethrows a failure', async () => {
    expect(await collectEvents(events())).toEqual([delta]);
    await expect(collectEvents(events(boom))).rejects.toBe(boom);
  });

  it('streamFailure returns the ProviderError and the events before it', async () => {
    expect(await streamFailure(events(boom))).toEqual({ error: boom, events: [delta] });
    await expect(streamFailure(events())).rejects.toThrow(
      'expected the stream to fail, it ended after 1 events',
    );
    const other = new TypeError('not a provider error');
    await expect(streamFailure(events(other))).rejects.toBe(other);
  });

  it('providerFailure returns the ProviderError of a rejected call, and throws on anything else', async () => {
    expect(await providerFailure(Promise.reject(boom))).toBe(boom);
    await expect(providerFailure(Promise.resolve(1))).rejects.toThrow(
      'expected a ProviderError, got a success',
    );
    await expect(providerFailure(Promise.reject(new Error('plain')))).rejects.toThrow(
      'expected a ProviderError, got Error: plain',
    );
  });
});
