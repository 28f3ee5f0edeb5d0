// @modelmux/testing: wire-level fake LLM provider servers for tests and demos.
export { startFakeProviders } from './server/start-fake-providers.js';
export {
  fakeProviderNames,
  type FakeProviderName,
  type FakeStep,
  type FakeStatusStep,
  type FakeErrorStep,
  type FakeErrorType,
  type FakeReply,
  type FakeRules,
  type FakeRateLimit,
  type FakeRawStep,
  type FakeEmptyAnswerStep,
  type RecordedRequest,
  type FakeProvidersOptions,
  type FakeBaseUrls,
  type FakeProviders,
} from './types.js';
export { embedText } from './brain/embed-text.js';
export { collectEvents, streamFailure, providerFailure, outcome } from './stream-helpers.js';
export {
  scriptedProvider,
  ask,
  type ScriptedProvider,
  type ScriptedProviderOptions,
  type ScriptedStep,
  type ScriptedCall,
} from './scripted/scripted-provider.js';
