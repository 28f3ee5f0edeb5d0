import type { ImageSource } from '@modelmux/core';
import { badRequest } from './http-error.js';

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text content: a string, or text parts joined (OpenAI text parts, Anthropic text blocks). */
export function textOf(content: unknown, field: string): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    let text = '';
    for (const [j, part] of content.entries()) {
      if (!isObject(part) || typeof part.text !== 'string')
        throw badRequest(`${field}.${j}`, "must be a text part { type: 'text', text }");
      text += part.text;
    }
    return text;
  }
  throw badRequest(field, 'must be a string or an array of text parts');
}

/** Tool-call arguments as sent: the parsed JSON, or the text itself when it is not JSON. */
export function parseArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const dataUrl = /^data:([^;,]+);base64,(.*)$/s;

/** An image URL: `https://…` is fetched by the provider; `data:<type>;base64,…` is inline. */
export function parseImageUrl(url: unknown, field: string): ImageSource {
  if (typeof url !== 'string') throw badRequest(field, 'must be an image URL string');
  const match = dataUrl.exec(url);
  if (match) return { kind: 'base64', mediaType: match[1] as string, data: match[2] as string };
  return { kind: 'url', url };
}
