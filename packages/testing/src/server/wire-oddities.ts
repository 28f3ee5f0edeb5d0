import type { FakeProviderName } from '../types.js';
import { sse, type ReplyContext } from '../vendors/codec.js';

/** A load balancer's HTML error page, as proxies send in front of every vendor. */
export function htmlPage(status: number): string {
  const title = status === 200 ? 'Welcome' : `${status} Bad Gateway`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

/** The body of an `emptyAnswer` step: `{}`, `[]`, or a candidate with no content and no finish reason. */
export function emptyAnswerBody(
  kind: 'object' | 'array' | 'no-content',
  ctx: ReplyContext,
): unknown {
  if (kind === 'object') return {};
  if (kind === 'array') return [];
  return { candidates: [{ index: 0 }], modelVersion: ctx.model, responseId: `fake${ctx.seq}` };
}

/** An in-stream error whose type the SDKs do not know, in the vendor's own envelope. */
export function unknownStreamError(
  provider: FakeProviderName,
  type: string,
  message: string,
): string {
  if (provider === 'anthropic') return sse({ type: 'error', error: { type, message } }, 'error');
  if (provider === 'google') return sse({ error: { code: 500, message, status: type } });
  return sse({ error: { message, type, param: null, code: type } });
}

/**
 * Removes the usage from a complete answer, as servers that ignore
 * `stream_options.include_usage` (older Ollama, some proxies) send it: the usage-only chunk is
 * dropped, `usage` / `x_groq.usage` / `usageMetadata` removed; finish reasons and `[DONE]` stay.
 * Anthropic always sends usage, so its events are left alone.
 */
export function withoutUsage(provider: FakeProviderName, json: unknown): unknown {
  if (provider === 'anthropic' || typeof json !== 'object' || json === null) return json;
  const out = { ...(json as Record<string, unknown>) };
  delete out['usage'];
  delete out['usageMetadata'];
  const groq = out['x_groq'];
  if (typeof groq === 'object' && groq !== null) {
    const rest = { ...(groq as Record<string, unknown>) };
    delete rest['usage'];
    out['x_groq'] = rest;
  }
  return out;
}

/** `withoutUsage` over SSE events (`data:` blocks); the usage-only chunk (empty `choices`) is dropped. */
export function eventsWithoutUsage(provider: FakeProviderName, events: string[]): string[] {
  if (provider === 'anthropic') return events;
  const out: string[] = [];
  for (const event of events) {
    const match = /^(event: [^\n]*\n)?data: (.*)\n\n$/s.exec(event);
    const data = match?.[2];
    if (!match || data === undefined || data === '[DONE]') {
      out.push(event);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      out.push(event);
      continue;
    }
    const choices = (json as { choices?: unknown }).choices;
    if (Array.isArray(choices) && choices.length === 0 && 'usage' in (json as object)) continue;
    out.push(`${match[1] ?? ''}data: ${JSON.stringify(withoutUsage(provider, json))}\n\n`);
  }
  return out;
}
