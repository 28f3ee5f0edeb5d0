/**
 * A global `Response` for a body already read whole (a JSON answer). Node's `Response`
 * wraps any body in a web `ReadableStream` (made transferable, ~20 µs) that `json()` then reads
 * back; this one keeps the bytes and makes the stream only if someone asks for `body`.
 * Reading twice fails as fetch does (`TypeError`, body already used).
 */
// Typed loosely: @types/node declares Response's methods as properties, which a subclass cannot
// as methods in TypeScript (at run time they are prototype methods, as usual).
const ResponseBase = Response as unknown as new (
  body: null,
  init: ResponseInit,
) => {
  readonly headers: Headers;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
};

export class BufferedResponse extends ResponseBase {
  #bytes: Uint8Array;
  #used = false;
  #stream: ReadableStream<Uint8Array> | undefined;

  constructor(bytes: Uint8Array, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  #take(): Uint8Array {
    if (this.#used || this.#stream?.locked)
      throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#bytes;
  }

  get body(): ReadableStream<Uint8Array> {
    if (!this.#stream) {
      const bytes = this.#bytes;
      this.#stream = new ReadableStream<Uint8Array>({
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
    }
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  async text(): Promise<string> {
    return Buffer.from(this.#take()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], {
      type: this.headers.get('content-type') ?? '',
    });
  }

  async formData(): Promise<FormData> {
    return new Response(await this.arrayBuffer(), {
      headers: this.headers,
    }).formData() as Promise<FormData>;
  }

  clone(): BufferedResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = new BufferedResponse(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
    Object.defineProperty(copy, 'url', { value: this.url });
    return copy;
  }
}
