import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ] as const)('%s → %s', (stopReason, expected) => {
    expect(mapAnthropicStopReason(stopReason)).toBe(expected);
  });

  it('treats tool_use as stop when only the JSON-output tool was called', () => {
    expect(mapAnthropicStopReason('tool_use', { jsonOutput: true })).toBe('stop');
    expect(mapAnthropicStopReason('end_turn', { jsonOutput: true })).toBe('stop');
  });
});
