import { describe, expect, it } from 'vitest';
import { EventSource } from './events.js';

describe('EventSource', () => {
  it('delivers to listeners until disposed; dispose twice is harmless', () => {
    const source = new EventSource<number>();
    const seen: number[] = [];
    expect(source.hasListeners).toBe(false);
    const subscription = source.event((n) => seen.push(n));
    expect(source.hasListeners).toBe(true);
    source.emit(1);
    subscription.dispose();
    subscription.dispose();
    source.emit(2);
    expect(seen).toEqual([1]);
    expect(source.hasListeners).toBe(false);
  });

  it('a throwing listener does not stop the others or the emitter', () => {
    const source = new EventSource<string>();
    const seen: string[] = [];
    source.event(() => {
      throw new Error('observer bug');
    });
    source.event((s) => seen.push(s));
    expect(() => source.emit('a')).not.toThrow();
    expect(seen).toEqual(['a']);
  });
});
