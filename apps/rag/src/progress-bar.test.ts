import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { ingestProgressBar } from './progress-bar.js';

function sink() {
  const stream = new PassThrough() as PassThrough & NodeJS.WriteStream;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

test('draws the embedding progress with cli-progress, ignoring the other phases', () => {
  const out = sink();
  const bar = ingestProgressBar(out.stream, true);
  bar.onProgress({ phase: 'read', done: 3, total: 3 });
  bar.onProgress({ phase: 'embed', done: 0, total: 64 });
  bar.onProgress({ phase: 'embed', done: 32, total: 64 });
  bar.onProgress({ phase: 'embed', done: 64, total: 64 });
  bar.stop();
  expect(out.text()).toMatch(/embedding .* 64\/64 chunks/);
  expect(out.text()).not.toContain('3/3');
});

test('prints nothing when the stream is not a terminal', () => {
  const out = sink();
  const bar = ingestProgressBar(out.stream);
  bar.onProgress({ phase: 'embed', done: 0, total: 4 });
  bar.onProgress({ phase: 'embed', done: 4, total: 4 });
  bar.stop();
  expect(out.text()).toBe('');
});
