import { describe, expect, it } from 'vitest';
import { parseToolCall } from './parse-tool-call.js';

describe('parseToolCall', () => {
  it('parses JSON arguments', () => {
    expect(parseToolCall('call_1', 'get_weather', '{"city":"Paris"}')).toEqual({
      id: 'call_1',
      name: 'get_weather',
      args: { city: 'Paris' },
      rawArgs: '{"city":"Paris"}',
    });
  });

  it('treats empty arguments as an empty object', () => {
    expect(parseToolCall('call_1', 'now', '').args).toEqual({});
  });

  it('keeps the raw text and leaves args undefined when the JSON is invalid', () => {
    const call = parseToolCall('call_1', 'get_weather', '{"city": "Par');
    expect(call.args).toBeUndefined();
    expect(call.rawArgs).toBe('{"city": "Par');
  });
});
