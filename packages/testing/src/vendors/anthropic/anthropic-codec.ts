import { sse, type VendorCodec } from '../codec.js';
import { anthropicError, anthropicStreamError, requestId } from './anthropic-error.js';
import { parseAnthropicChat } from './parse-anthropic-request.js';
import { anthropicMessageEvents } from './stream-anthropic-message.js';
import { anthropicMessageJson } from './write-anthropic-message.js';

/** The Anthropic messages wire format. */
export function anthropicCodec(): VendorCodec {
  return {
    provider: 'anthropic',
    headers: (ctx) => ({ 'request-id': requestId(ctx) }),
    parseChat: parseAnthropicChat,
    chatJson: (answer, _request, ctx) => anthropicMessageJson(answer, ctx),
    chatEvents: (answer, _request, _body, ctx) => anthropicMessageEvents(answer, ctx),
    parseEmbed: () => {
      throw new Error('Anthropic has no embeddings endpoint');
    },
    embedJson: () => ({}),
    models: () => {
      const ids = ['claude-sonnet-4-5', 'claude-haiku-4-5'];
      return {
        data: ids.map((id) => ({
          type: 'model',
          id,
          display_name: id,
          created_at: '2025-01-01T00:00:00Z',
        })),
        has_more: false,
        first_id: ids[0],
        last_id: ids[ids.length - 1],
      };
    },
    error: anthropicError,
    streamError: anthropicStreamError,
    malformedEvent: () => sse('{"type":"message_start","message":{', 'message_start'),
  };
}
