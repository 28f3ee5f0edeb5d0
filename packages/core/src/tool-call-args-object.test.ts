import { describe, expect, it } from 'vitest';
import type { ToolCall } from './messages.js';
import { toolCallArgsObject } from './tool-call-args-object.js';

const call = (args: unknown, rawArgs: string): ToolCall => ({
  id: 'c1',
  name: 'lookup',
  args,
  rawArgs,
});
const field = 'messages.2.toolCalls.0';

describe('toolCallArgsObject', () => {
  it('returns args, else rawArgs parsed', () => {
    expect(toolCallArgsObject(call({ city: 'Paris' }, '{"city":"Lyon"}'), field, 'Acme')).toEqual({
      city: 'Paris',
    });
    expect(toolCallArgsObject(call(undefined, '{"city":"Rome"}'), field, 'Acme')).toEqual({
      city: 'Rome',
    });
  });

  it('returns {} when there are no arguments', () => {
    expect(toolCallArgsObject(call(undefined, ''), field, 'Acme')).toEqual({});
    expect(toolCallArgsObject(call(null, 'null'), field, 'Acme')).toEqual({});
    expect(toolCallArgsObject(call(undefined, 'null'), field, 'Acme')).toEqual({});
  });

  it('rejects rawArgs that are not JSON, naming the field', () => {
    expect(() => toolCallArgsObject(call(undefined, '{"city":'), field, 'Acme')).toThrow(
      expect.objectContaining({
        name: 'ModelmuxInvalidRequestError',
        field: `${field}.rawArgs`,
        message: expect.stringContaining('is not valid JSON'),
      }),
    );
  });

  it('rejects arguments that are not a JSON object, naming the field and the vendor', () => {
    for (const toolCall of [
      call([1, 2], '[1,2]'),
      call('Paris', '"Paris"'),
      call(undefined, '42'),
    ]) {
      expect(() => toolCallArgsObject(toolCall, field, 'Acme')).toThrow(
        expect.objectContaining({
          name: 'ModelmuxInvalidRequestError',
          field: `${field}.args`,
          message: expect.stringContaining('Acme needs tool arguments to be a JSON object'),
        }),
      );
    }
  });
});
