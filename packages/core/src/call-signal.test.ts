import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCallSignal } from './call-signal.js';

describe('createCallSignal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts after timeoutMs and reports a timeout, not a caller abort', () => {
    const call = createCallSignal(undefined, 1000);
    vi.advanceTimersByTime(999);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(call.signal.aborted).toBe(true);
    expect(call.timedOut()).toBe(true);
    expect(call.callerAborted()).toBe(false);
    call.dispose();
  });

  it("follows the caller's signal and reports it as the caller's abort", () => {
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, 1000);
    caller.abort();
    expect(call.signal.aborted).toBe(true);
    expect(call.callerAborted()).toBe(true);
    expect(call.timedOut()).toBe(false);
    call.dispose();
  });

  it('starts aborted when the caller already aborted', () => {
    const caller = new AbortController();
    caller.abort();
    const call = createCallSignal(caller.signal, undefined);
    expect(call.signal.aborted).toBe(true);
    expect(call.callerAborted()).toBe(true);
  });

  it('touch() re-arms the timer (idle timeout for streams)', () => {
    const call = createCallSignal(undefined, 1000);
    vi.advanceTimersByTime(800);
    call.touch();
    vi.advanceTimersByTime(800);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(200);
    expect(call.timedOut()).toBe(true);
    call.dispose();
  });

  it('dispose() clears the timer and stops following the caller', () => {
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, 1000);
    call.dispose();
    vi.advanceTimersByTime(5000);
    caller.abort();
    expect(call.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
