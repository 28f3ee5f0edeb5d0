import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { BufferedResponse } from './buffered-response.js';

/** Statuses whose response may not carry a body (fetch's "null body status", plus 1xx). */
const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

/** Decoders for the one `content-encoding` fetch would undo; other codings pass through as sent. */
const decoders: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

function responseHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

/** Whole-answer bodies (JSON) are read before the `Response` is made: every caller reads them whole. */
function isWholeBody(raw: IncomingHttpHeaders): boolean {
  const type = raw['content-type'];
  return typeof type === 'string' && type.includes('json');
}

/**
 * A global `Response` for undici's answer: headers as sent, the body decoded as fetch would
 * (gzip, deflate, br), JSON read at once, anything else (an SSE stream, audio) streamed.
 */
export async function toResponse(
  answer: Dispatcher.ResponseData,
  method: string,
  url: string,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const { statusCode: status, statusText, headers: raw, body } = answer;
  const headers = responseHeaders(raw);
  let response: Response;
  if (method === 'HEAD' || nullBodyStatus.has(status)) {
    await body.dump();
    response = new Response(null, { status, statusText, headers });
  } else {
    const coding = raw['content-encoding'];
    const decoder = typeof coding === 'string' ? decoders[coding.trim().toLowerCase()] : undefined;
    const decoded: Readable = decoder ? (body.pipe(decoder()) as unknown as Readable) : body;
    if (decoder) body.once('error', (error) => decoded.destroy(error));
    response = isWholeBody(raw)
      ? (new BufferedResponse(await readAll(decoded), {
          status,
          statusText,
          headers,
        }) as unknown as Response)
      : new Response(webStream(decoded, body, signal), { status, statusText, headers });
  }
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/**
 * The body as a web stream pulled chunk by chunk; cancelling it destroys undici's body, which
 * aborts the request and closes its socket (the answer is incomplete, so the socket is spent).
 * It fails as fetch's body does: with the signal's reason after an abort, else with
 * `TypeError('terminated')` and the socket error as its cause.
 */
function webStream(
  decoded: Readable,
  body: Readable,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const chunks = decoded[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (error) {
          throw signal?.aborted ? signal.reason : new TypeError('terminated', { cause: error });
        }
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        decoded.destroy();
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
}
