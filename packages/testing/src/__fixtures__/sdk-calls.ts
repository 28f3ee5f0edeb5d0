import Anthropic from '@anthropic-ai/sdk';
import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
} from '@google/generative-ai';
import Groq from 'groq-sdk';
import OpenAI from 'openai';
import type { FakeProviderName, FakeProviders } from '../types.js';

/** One vendor driven through its official SDK: a plain call and a stream that reports each text piece. */
export interface SdkCalls {
  chat(options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<string>;
  stream(onText: (text: string) => void): Promise<void>;
  /** The SDK's error classes for an abort, a timeout and a connection failure. */
  errors: { abort: ErrorClass; timeout: ErrorClass; connection: ErrorClass };
}

/** An error class to match with `toBeInstanceOf`. */
export type ErrorClass = abstract new (...args: never[]) => Error;

const prompt = 'Tell me about volcanoes lava magma eruptions and ash clouds';

/** The four SDKs pointed at a fake, with retries off. */
export function sdkCalls(fake: FakeProviders): Record<FakeProviderName, SdkCalls> {
  const openai = new OpenAI({
    apiKey: 'sk-test-secret-123456',
    baseURL: fake.baseURL.openai,
    maxRetries: 0,
  });
  const groq = new Groq({
    apiKey: 'gsk_testsecret123456',
    baseURL: fake.baseURL.groq,
    maxRetries: 0,
  });
  const anthropic = new Anthropic({
    apiKey: 'sk-ant-test-secret-123456',
    baseURL: fake.baseURL.anthropic,
    maxRetries: 0,
  });
  const google = new GoogleGenerativeAI('AIzaSyTEST-secret-0000000000000000');
  const gemini = (timeout?: number) =>
    google.getGenerativeModel(
      { model: 'gemini-2.0-flash' },
      { baseUrl: fake.url, ...(timeout ? { timeout } : {}) },
    );
  const messages = [{ role: 'user' as const, content: prompt }];
  return {
    openai: {
      chat: async (o = {}) =>
        (
          await openai.chat.completions.create(
            { model: 'gpt-4o-mini', messages },
            {
              ...(o.signal ? { signal: o.signal } : {}),
              ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}),
            },
          )
        ).choices[0]?.message.content ?? '',
      stream: async (onText) => {
        for await (const c of await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages,
          stream: true,
        }))
          onText(c.choices[0]?.delta.content ?? '');
      },
      errors: {
        abort: OpenAI.APIUserAbortError,
        timeout: OpenAI.APIConnectionTimeoutError,
        connection: OpenAI.APIConnectionError,
      },
    },
    groq: {
      chat: async (o = {}) =>
        (
          await groq.chat.completions.create(
            { model: 'llama-3.3-70b-versatile', messages },
            {
              ...(o.signal ? { signal: o.signal } : {}),
              ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}),
            },
          )
        ).choices[0]?.message.content ?? '',
      stream: async (onText) => {
        for await (const c of await groq.chat.completions.create({
          model: 'llama-3.3-70b-versatile',
          messages,
          stream: true,
        }))
          onText(c.choices[0]?.delta.content ?? '');
      },
      errors: {
        abort: Groq.APIUserAbortError,
        timeout: Groq.APIConnectionTimeoutError,
        connection: Groq.APIConnectionError,
      },
    },
    anthropic: {
      chat: async (o = {}) => {
        const res = await anthropic.messages.create(
          { model: 'claude-haiku-4-5', max_tokens: 200, messages },
          {
            ...(o.signal ? { signal: o.signal } : {}),
            ...(o.timeoutMs ? { timeout: o.timeoutMs } : {}),
          },
        );
        return res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      },
      stream: async (onText) => {
        for await (const e of await anthropic.messages.create({
          model: 'claude-haiku-4-5',
          max_tokens: 200,
          messages,
          stream: true,
        })) {
          if (e.type === 'content_block_delta' && e.delta.type === 'text_delta')
            onText(e.delta.text);
        }
      },
      errors: {
        abort: Anthropic.APIUserAbortError,
        timeout: Anthropic.APIConnectionTimeoutError,
        connection: Anthropic.APIConnectionError,
      },
    },
    google: {
      chat: async (o = {}) =>
        (
          await gemini(o.timeoutMs).generateContent(prompt, o.signal ? { signal: o.signal } : {})
        ).response.text(),
      stream: async (onText) => {
        const result = await gemini().generateContentStream(prompt);
        // The SDK also rejects `response` when the stream fails; the stream's own error is the one we report.
        result.response.catch(() => undefined);
        for await (const c of result.stream) onText(c.text());
      },
      errors: {
        abort: GoogleGenerativeAIAbortError,
        timeout: GoogleGenerativeAIAbortError,
        connection: GoogleGenerativeAIError,
      },
    },
  };
}
