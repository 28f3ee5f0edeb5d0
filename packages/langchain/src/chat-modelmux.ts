import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelParams,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import type { InteropZodType } from '@langchain/core/utils/types';
import type { SerializableSchema } from '@langchain/core/utils/standard_schema';
import type { InvokeOptions, ProviderFactory } from 'modelmux';
import type { ChatModelmuxCallOptions, ModelmuxHints } from './call-options.js';
import { type ModelTarget, resolveModelId } from './model-target.js';
import { structuredOutput } from './structured-output.js';
import { toChatResult } from './to-chat-result.js';
import { GenerationChunks } from './to-generation-chunks.js';
import { toModelmuxMessages } from './to-modelmux-messages.js';
import { toToolChoice, toToolDefinition } from './to-tool-definitions.js';

/** `new ChatModelmux({ factory, model })`: the factory, the model id, and default call settings. */
export interface ChatModelmuxFields extends BaseChatModelParams {
  /** The `ProviderFactory` every call is routed through. */
  factory: ProviderFactory;
  /** `'auto'` (default: the factory's strategy), a strategy, a provider, or `'provider/model'`. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  /** Routing hints for every call (a call's own `modelmux` option is merged over them). */
  modelmux?: ModelmuxHints;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- LangChain's own schema bound
type AnyRecord = Record<string, any>;

/**
 * A LangChain chat model whose every call goes through a modelmux `ProviderFactory`: routing,
 * fallback, breakers, budgets, cache and metrics under `invoke`, `stream`, `batch`, tools,
 * structured output and agents. `response_metadata.modelmux` says who answered and how.
 *
 * @example
 * const model = new ChatModelmux({ factory, model: 'auto' });
 * const answer = await model.invoke('What is RAG?');
 * answer.response_metadata.modelmux.provider; // 'openai'
 */
export class ChatModelmux extends BaseChatModel<ChatModelmuxCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'ChatModelmux';
  }

  /** The model id as given. */
  readonly model: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  modelmux?: ModelmuxHints;
  private readonly target: ModelTarget;

  constructor(fields: ChatModelmuxFields) {
    const { factory, model, temperature, maxTokens, topP, stop, modelmux, ...base } = fields;
    super(base);
    this.model = model ?? 'auto';
    this.target = resolveModelId(factory, this.model);
    this.temperature = temperature;
    this.maxTokens = maxTokens;
    this.topP = topP;
    this.stop = stop;
    this.modelmux = modelmux;
  }

  _llmType(): string {
    return 'modelmux';
  }

  override get callKeys(): string[] {
    return [...super.callKeys, 'tools', 'tool_choice', 'responseFormat', 'modelmux'];
  }

  override getLsParams(options: this['ParsedCallOptions']): LangSmithParams {
    return {
      ls_provider: 'modelmux',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ...(this.temperature !== undefined && { ls_temperature: this.temperature }),
      ...(this.maxTokens !== undefined && { ls_max_tokens: this.maxTokens }),
      ...((options.stop ?? this.stop) !== undefined && { ls_stop: options.stop ?? this.stop }),
    };
  }

  /** The settings a call is made with (also what tracing records). */
  override invocationParams(options?: this['ParsedCallOptions']): InvokeOptions {
    const hints = { ...this.modelmux, ...options?.modelmux };
    const toolChoice = toToolChoice(options?.tool_choice);
    const stop = options?.stop ?? this.stop;
    const metadata = {
      ...hints.metadata,
      ...(hints.userId !== undefined && { userId: hints.userId }),
      ...(hints.tags !== undefined && { tags: hints.tags }),
    };
    const strategy = hints.strategy ?? this.target.strategy;
    return {
      ...(this.target.model !== undefined && { model: this.target.model }),
      ...(this.temperature !== undefined && { temperature: this.temperature }),
      ...(this.maxTokens !== undefined && { maxTokens: this.maxTokens }),
      ...(this.topP !== undefined && { topP: this.topP }),
      ...(stop !== undefined && { stop }),
      ...(options?.tools?.length && { tools: options.tools.map(toToolDefinition) }),
      ...(toolChoice !== undefined && { toolChoice }),
      ...(options?.responseFormat !== undefined && { responseFormat: options.responseFormat }),
      ...(Object.keys(metadata).length > 0 && { metadata }),
      ...(strategy !== undefined && { strategy }),
      ...(hints.requestId !== undefined && { requestId: hints.requestId }),
    };
  }

  private callOptions(options: this['ParsedCallOptions']): InvokeOptions {
    const params = this.invocationParams(options);
    return options.signal ? { ...params, signal: options.signal } : params;
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): Promise<ChatResult> {
    const result = await this.target.llm.invoke(
      toModelmuxMessages(messages),
      this.callOptions(options),
    );
    return toChatResult(result);
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const events = this.target.llm.stream(toModelmuxMessages(messages), this.callOptions(options));
    const chunks = new GenerationChunks();
    for await (const event of events) {
      const chunk = chunks.next(event);
      if (!chunk) continue;
      yield chunk;
      if (event.type === 'text-delta')
        await runManager?.handleLLMNewToken(
          event.text,
          undefined,
          undefined,
          undefined,
          undefined,
          {
            chunk,
          },
        );
    }
  }

  /**
   * Binds tools for every call. They go to whichever provider answers (the router carries them
   * through fallback), unlike LangChain's `withFallbacks`, whose fallbacks have no tools bound.
   */
  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ChatModelmuxCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatModelmuxCallOptions> {
    return this.withConfig({ tools: tools.map(toToolDefinition), ...kwargs });
  }

  override withStructuredOutput<RunOutput extends AnyRecord = AnyRecord>(
    outputSchema: InteropZodType<RunOutput> | SerializableSchema<RunOutput> | AnyRecord,
    config?: StructuredOutputMethodOptions<false>,
  ): Runnable<BaseLanguageModelInput, RunOutput>;
  override withStructuredOutput<RunOutput extends AnyRecord = AnyRecord>(
    outputSchema: InteropZodType<RunOutput> | SerializableSchema<RunOutput> | AnyRecord,
    config?: StructuredOutputMethodOptions<true>,
  ): Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }>;
  override withStructuredOutput<RunOutput extends AnyRecord = AnyRecord>(
    outputSchema: InteropZodType<RunOutput> | SerializableSchema<RunOutput> | AnyRecord,
    config?: StructuredOutputMethodOptions<boolean>,
  ):
    | Runnable<BaseLanguageModelInput, RunOutput>
    | Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }> {
    return structuredOutput(this, outputSchema, config) as Runnable<
      BaseLanguageModelInput,
      RunOutput
    >;
  }
}
