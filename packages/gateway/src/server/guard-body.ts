/**
 * Passes a response body through, calling `done` once when it ends, fails or is cancelled by
 * the client, and calling `onIdle` (then erroring the stream) when no chunk came for `idleMs`.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: { idleMs?: number; onIdle?: () => void; done: () => void },
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  let rearm: () => void = () => undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    options.done();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (options.idleMs === undefined) return;
      const arm = () => {
        timer = setTimeout(() => {
          options.onIdle?.();
          controller.error(new Error(`stream idle for ${options.idleMs}ms`));
          void reader.cancel().catch(() => undefined);
          finish();
        }, options.idleMs);
        timer.unref?.();
      };
      arm();
      rearm = () => {
        if (timer) clearTimeout(timer);
        arm();
      };
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (finished) return;
        if (done) {
          controller.close();
          finish();
          return;
        }
        rearm();
        controller.enqueue(value);
      } catch (error) {
        if (finished) return;
        controller.error(error);
        finish();
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason).catch(() => undefined);
    },
  });
}
