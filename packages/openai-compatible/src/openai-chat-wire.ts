// The OpenAI chat-completions wire format, as plain interfaces of our own: the request the
// adapters send and the completions and chunks they read. They are deliberately loose (optional
// where a vendor may leave a field out) so that the openai SDK's and groq-sdk's own objects fit
// them structurally; the adapters' type tests check that both ways.

/** A part of a user message: text, or an image by URL (a `data:` URL for inline images). */
export type OpenAIChatWireContentPart =
  { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** A tool call as sent back to the model in an assistant message. */
export interface OpenAIChatWireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One message of the request's conversation. */
export type OpenAIChatWireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIChatWireContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIChatWireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

/** A function tool offered to the model; `parameters` is a JSON Schema. */
export interface OpenAIChatWireTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** Whether and which tool the model must call. */
export type OpenAIChatWireToolChoice =
  'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** JSON output: any JSON object, or one matching a schema (structured outputs). */
export type OpenAIChatWireResponseFormat =
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean;
      };
    };

/** The body of a (non-streamed) chat completion request, before vendor options are merged in. */
export interface OpenAIChatWireRequest {
  model: string;
  messages: OpenAIChatWireMessage[];
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  top_p?: number;
  stop?: string[];
  tools?: OpenAIChatWireTool[];
  tool_choice?: OpenAIChatWireToolChoice;
  response_format?: OpenAIChatWireResponseFormat;
}

/** Token usage as OpenAI reports it (the details only where the vendor sends them). */
export interface OpenAIChatWireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** A tool call in a completion; OpenAI's custom tools have no `function` and are skipped. */
export interface OpenAIChatWireResponseToolCall {
  id: string;
  type?: string;
  function?: { name: string; arguments?: string };
}

/** One choice of a completion. */
export interface OpenAIChatWireChoice {
  finish_reason: string | null;
  message: {
    content?: string | null;
    /** A structured-outputs refusal (OpenAI). */
    refusal?: string | null;
    tool_calls?: OpenAIChatWireResponseToolCall[];
  };
}

/** A (non-streamed) chat completion. */
export interface OpenAIChatWireCompletion {
  model: string;
  /** The service tier that served the request (OpenAI: `default`, `flex`, `priority`, `scale`). */
  service_tier?: string | null;
  choices: OpenAIChatWireChoice[];
  usage?: OpenAIChatWireUsage | null;
}

/** A piece of a tool call in a stream chunk; `index` tells parallel calls apart. */
export interface OpenAIChatWireChunkToolCall {
  index: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

/** What a stream chunk adds to the answer. */
export interface OpenAIChatWireChunkDelta {
  content?: string | null;
  /** A structured-outputs refusal, streamed in pieces (OpenAI). */
  refusal?: string | null;
  tool_calls?: OpenAIChatWireChunkToolCall[] | null;
}

/** One choice of a stream chunk. */
export interface OpenAIChatWireChunkChoice {
  /** Which choice this is (0 unless the server sends several). */
  index?: number;
  delta?: OpenAIChatWireChunkDelta;
  finish_reason?: string | null;
}

/** One chunk of a streamed chat completion (usage where the vendor sends it in OpenAI's place). */
export interface OpenAIChatWireChunk {
  model?: string;
  /** The service tier that served the request (OpenAI). */
  service_tier?: string | null;
  choices: OpenAIChatWireChunkChoice[];
  usage?: OpenAIChatWireUsage | null;
}
