// The adapter-author helpers, still exported from the root so adapters can move to
// '@modelmux/core/provider-utils' at their own pace. Each is marked deprecated here.
import {
  createCallSignal as createCallSignalImpl,
  type CallSignal as CallSignalType,
} from './call-signal.js';
import { groupIntoTurns as groupIntoTurnsImpl } from './group-into-turns.js';
import type {
  ConversationMessage as ConversationMessageType,
  Turn as TurnType,
} from './group-into-turns.js';
import { healthCheckByGenerate as healthCheckByGenerateImpl } from './health-check-by-generate.js';
import type { ProviderCallOptions as ProviderCallOptionsType } from './provider-call-options.js';
import { registerSecret as registerSecretImpl } from './redact.js';
import {
  runProviderGenerate as runProviderGenerateImpl,
  type ProviderResponse as ProviderResponseType,
  type RunProviderGenerateOptions as RunProviderGenerateOptionsType,
} from './run-provider-generate.js';
import {
  runProviderStream as runProviderStreamImpl,
  type ProviderStreamEnd as ProviderStreamEndType,
  type ProviderStreamMapper as ProviderStreamMapperType,
  type ProviderStreamSource as ProviderStreamSourceType,
  type RunProviderStreamOptions as RunProviderStreamOptionsType,
} from './run-provider-stream.js';
import { toolCallArgsObject as toolCallArgsObjectImpl } from './tool-call-args-object.js';

/** @deprecated Import from `@modelmux/core/provider-utils`. */
export const createCallSignal = createCallSignalImpl;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type CallSignal = CallSignalType;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export const runProviderGenerate = runProviderGenerateImpl;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type RunProviderGenerateOptions<T, B = undefined> = RunProviderGenerateOptionsType<T, B>;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type ProviderResponse = ProviderResponseType;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export const runProviderStream = runProviderStreamImpl;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type RunProviderStreamOptions<TChunk, B = undefined> = RunProviderStreamOptionsType<
  TChunk,
  B
>;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type ProviderStreamSource<TChunk> = ProviderStreamSourceType<TChunk>;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type ProviderStreamMapper<TChunk> = ProviderStreamMapperType<TChunk>;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type ProviderStreamEnd = ProviderStreamEndType;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type ProviderCallOptions = ProviderCallOptionsType;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export const healthCheckByGenerate = healthCheckByGenerateImpl;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export const groupIntoTurns = groupIntoTurnsImpl;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type ConversationMessage = ConversationMessageType;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export type Turn<TRole extends string, TItem> = TurnType<TRole, TItem>;
/** @deprecated Import from `@modelmux/core/provider-utils`. */
export const toolCallArgsObject = toolCallArgsObjectImpl;
/** @deprecated Import from `@modelmux/core/provider-utils` (applications never need it). */
export const registerSecret = registerSecretImpl;
