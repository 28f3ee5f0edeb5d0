import { createRequire } from 'node:module';
import type { ChatRequest } from './chat.js';
import type { Message } from './messages.js';
import { toJsonSchema, type SchemaLike } from './schema.js';

/**
 * The fixed estimates `countRequestTokens` adds to the tokenizer's count. Vendors bill the
 * framing of messages, tool definitions and images differently; these are middle-of-the-road
 * figures, documented in the README.
 */
export const tokenEstimates = Object.freeze({
  /** Per message, for the role and separators (OpenAI's chat format uses 3 plus the role). */
  perMessage: 4,
  /** Once per request, priming the assistant's reply. */
  perRequest: 3,
  /** Per image part, whatever its size (OpenAI: 85–1 105 for common sizes, Anthropic up to ~1 600, Gemini 258). */
  perImage: 1_000,
  /** Per tool definition, beyond its name, description and tokenised JSON schema. */
  perTool: 10,
  /** Per tool call in an assistant message, beyond its name and arguments. */
  perToolCall: 3,
  /** A schema that cannot be turned into JSON Schema (e.g. a zod transform). */
  perUnrepresentableSchema: 100,
});

type CountTokens = (text: string) => number;
let countWithTokenizer: CountTokens | undefined;
let exact = false;

/** Pre-tokens, roughly as `o200k_base` splits text: words with their leading space, digit groups, punctuation runs, spaces. */
const pieces = /\s?[\p{L}\p{M}]+|\p{N}{1,3}|\s?[^\s\p{L}\p{M}\p{N}]+|\s+/gu;

/**
 * Estimates the `o200k_base` token count of a text without the tokenizer: each word is one token
 * per 8 characters (its leading space included), digits one per group of 3, punctuation one per
 * 2 characters, and each character of a script written without spaces (CJK, Thai…) one token.
 * Within about ±15 % of the exact count on English, code and other Latin-script text, ±25 % on
 * CJK (measured in `tokens-estimate.test.ts`; the README shows the figures).
 */
export function estimateTextTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(pieces)) {
    const piece = match[0];
    const first = piece.trimStart();
    if (first === '') tokens += piece.length > 1 ? 1 : 0;
    else if (/^\p{N}/u.test(first)) tokens += 1;
    else if (/^[\p{L}\p{M}]/u.test(first))
      tokens += /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(first)
        ? first.length
        : Math.ceil(piece.length / 8);
    else tokens += Math.ceil(first.length / 2);
  }
  return tokens;
}

/**
 * Loads the exact `o200k_base` tokenizer from the optional peer `gpt-tokenizer` (about 2 MB of
 * merge ranks, ~0.3 s) when it is installed, so counts are exact for OpenAI text; without it
 * `countTextTokens` estimates (see `estimateTextTokens`). Loaded on first use anyway: call this
 * at startup to keep the load off the first request. Returns true when the exact tokenizer is in use.
 */
export function loadTokenizer(): boolean {
  tokenizer();
  return exact;
}

/** How `countTextTokens` counts: `o200k_base` (gpt-tokenizer installed) or `estimate`. */
export function tokenCounting(): 'o200k_base' | 'estimate' {
  tokenizer();
  return exact ? 'o200k_base' : 'estimate';
}

function tokenizer(): CountTokens {
  if (countWithTokenizer) return countWithTokenizer;
  // Loaded synchronously and only when first needed, so importing @modelmux/core stays cheap.
  const require = createRequire(import.meta.url);
  let encoding: { countTokens(text: string, options: { disallowedSpecial: Set<string> }): number };
  try {
    encoding = require('gpt-tokenizer/encoding/o200k_base') as typeof encoding;
  } catch {
    // The optional peer is not installed: estimate.
    countWithTokenizer = estimateTextTokens;
    return countWithTokenizer;
  }
  // Text such as "<|endoftext|>" in a prompt is plain text to us, not a special token.
  const options = { disallowedSpecial: new Set<string>() };
  exact = true;
  countWithTokenizer = (text) => encoding.countTokens(text, options);
  return countWithTokenizer;
}

/**
 * Counts the tokens of a text with OpenAI's `o200k_base` encoding when the optional peer
 * `gpt-tokenizer` is installed, else estimates them (`estimateTextTokens`). Other vendors
 * tokenize differently, so for them it is an estimate either way (usually within ~10–20%).
 */
export function countTextTokens(text: string): number {
  return text ? tokenizer()(text) : 0;
}

const schemaTokens = new WeakMap<object, number>();

/** Tokens of a schema as sent on the wire (JSON Schema text); cached per schema object. */
function countSchemaTokens(schema: SchemaLike): number {
  const cached = schemaTokens.get(schema);
  if (cached !== undefined) return cached;
  let tokens: number;
  try {
    tokens = countTextTokens(JSON.stringify(toJsonSchema(schema)) ?? '');
  } catch {
    tokens = tokenEstimates.perUnrepresentableSchema;
  }
  schemaTokens.set(schema, tokens);
  return tokens;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

function countMessageTokens(message: Message): number {
  let tokens = tokenEstimates.perMessage;
  switch (message.role) {
    case 'system':
      return tokens + countTextTokens(message.content);
    case 'user':
      if (typeof message.content === 'string') return tokens + countTextTokens(message.content);
      for (const part of message.content)
        tokens += part.type === 'image' ? tokenEstimates.perImage : countTextTokens(part.text);
      return tokens;
    case 'assistant':
      tokens += countTextTokens(message.content);
      for (const call of message.toolCalls ?? []) {
        tokens +=
          tokenEstimates.perToolCall +
          countTextTokens(call.name) +
          countTextTokens(call.rawArgs ?? stringify(call.args));
      }
      return tokens;
    case 'tool':
      return (
        tokens +
        countTextTokens(message.toolCallId) +
        countTextTokens(message.toolName ?? '') +
        countTextTokens(stringify(message.result))
      );
    default:
      return tokens;
  }
}

/**
 * Counts a request's input tokens before it is sent: each message's text (tokenised with
 * `o200k_base`) plus a fixed framing per message, tool definitions (name, description and
 * tokenised JSON schema), a JSON response schema, and a fixed estimate per image (see
 * `tokenEstimates`). Exact for OpenAI text when `gpt-tokenizer` is installed, an estimate
 * otherwise, for other vendors and for images.
 */
export function countRequestTokens(
  request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat'>,
): number {
  let tokens = tokenEstimates.perRequest;
  for (const message of request.messages) tokens += countMessageTokens(message);
  for (const tool of request.tools ?? []) {
    tokens +=
      tokenEstimates.perTool +
      countTextTokens(tool.name) +
      countTextTokens(tool.description ?? '') +
      countSchemaTokens(tool.parameters);
  }
  if (request.responseFormat?.type === 'json' && request.responseFormat.schema)
    tokens += countSchemaTokens(request.responseFormat.schema);
  return tokens;
}
