import { redactHeaders, REDACTED } from '@modelmux/core';
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeProviderName, RecordedRequest } from '../types.js';

const secretQueryKeys = new Set(['key', 'api_key', 'apikey', 'access_token']);

/** Keeps every request the fake received, credentials redacted. */
export class Recorder {
  private records: RecordedRequest[] = [];

  /** Records one request; the record is returned so the server can mark it `closedEarly`. */
  add(
    provider: FakeProviderName,
    method: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: unknown,
  ): RecordedRequest {
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams)
      query[name] = secretQueryKeys.has(name.toLowerCase()) ? REDACTED : value;
    const record: RecordedRequest = {
      provider,
      method,
      path: url.pathname,
      query,
      headers: redactHeaders(headers),
      body,
      at: Date.now(),
      closedEarly: false,
    };
    this.records.push(record);
    return record;
  }

  /** Records of one provider, or all, in arrival order (a new array of the live records). */
  list(provider?: FakeProviderName): RecordedRequest[] {
    return this.records.filter((r) => provider === undefined || r.provider === provider);
  }

  /** Forgets every record. */
  clear(): void {
    this.records = [];
  }
}
