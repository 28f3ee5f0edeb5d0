// The fake vendor server in a child process, driven over IPC by ./fake-process.ts: the bench
// sets rules (a dead primary) and reads request counts at the fake without sharing its loop.
import { type FakeProviderName, type FakeRules, startFakeProviders } from '@modelmux/testing';

/** A message from the parent: one command, answered with `{ id, value }`. */
export type FakeCommand =
  | { id: number; op: 'rules'; provider: FakeProviderName; rules: FakeRules | undefined }
  | { id: number; op: 'count'; provider?: FakeProviderName }
  | { id: number; op: 'reset' };

const fake = await startFakeProviders({ port: 0, seed: 1 });
process.on('message', (message: FakeCommand) => {
  let value: unknown = null;
  if (message.op === 'rules') fake.rules(message.provider, message.rules);
  else if (message.op === 'count') value = fake.count(message.provider);
  else fake.reset();
  process.send?.({ id: message.id, value });
});
process.once('disconnect', () => {
  void fake.close().finally(() => process.exit(0));
});
process.send?.({ id: 0, value: fake.url });
