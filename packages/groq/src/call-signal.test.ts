import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCallSignal } from './call-signal.js';

describe('createCallSignal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts after timeoutMs and says it timed out', () => {
    const call = createCallSignal(undefined, 100);
    vi.advanceTimersByTime(99);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(call.signal.aborted).toBe(true);
    expect(call.timedOut()).toBe(true);
    expect(call.callerAborted()).toBe(false);
  });

  it('follows the caller and says so', () => {
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, 100);
    caller.abort();
    expect(call.signal.aborted).toBe(true);
    expect(call.callerAborted()).toBe(true);
    expect(call.timedOut()).toBe(false);
  });

  it('starts aborted for an already aborted caller signal', () => {
    const caller = new AbortController();
    caller.abort();
    expect(createCallSignal(caller.signal, undefined).callerAborted()).toBe(true);
  });

  it('touch() re-arms the timer (an idle timeout)', () => {
    const call = createCallSignal(undefined, 100);
    vi.advanceTimersByTime(80);
    call.touch();
    vi.advanceTimersByTime(80);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(20);
    expect(call.timedOut()).toBe(true);
  });

  it('dispose() stops the timer and detaches from the caller', () => {
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, 100);
    call.dispose();
    vi.advanceTimersByTime(200);
    caller.abort();
    expect(call.signal.aborted).toBe(false);
  });
});
