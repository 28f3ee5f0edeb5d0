import { describe, expect, it } from 'vitest';
import { chooseTool } from './choose-tool.js';
import type { NeutralChatRequest, NeutralToolChoice } from './neutral.js';

const tools = [
  { name: 'get_weather', description: 'Get the weather forecast for a city', schema: {} },
  { name: 'sendEmail', description: 'Send an email message to a recipient', schema: {} },
];

function request(
  text: string,
  toolChoice: NeutralToolChoice = 'auto',
  last: 'user' | 'tool' = 'user',
): NeutralChatRequest {
  const messages: NeutralChatRequest['messages'] = [{ role: 'user', text }];
  if (last === 'tool')
    messages.push(
      { role: 'assistant', text: '', toolCalls: [{ name: 'get_weather', args: {} }] },
      { role: 'tool', text: '', toolResult: 'ok' },
    );
  return { model: 'm', messages, tools, toolChoice, stream: false, cacheableChars: 0 };
}

describe('chooseTool', () => {
  it('picks the tool whose description words the user uses', () => {
    expect(chooseTool(request('What is the forecast in Oslo?'))?.name).toBe('get_weather');
    expect(chooseTool(request('Please email Bob a message'))?.name).toBe('sendEmail');
  });

  it('picks a tool named in the prompt, in snake or camel case spelled as words', () => {
    expect(chooseTool(request('use get_weather now'))?.name).toBe('get_weather');
    expect(chooseTool(request('can you send email to Ann'))?.name).toBe('sendEmail');
  });

  it('answers with text when nothing matches, for tool choice none, and right after a tool result', () => {
    expect(chooseTool(request('Tell me a joke'))).toBeUndefined();
    expect(chooseTool(request('forecast in Oslo', 'none'))).toBeUndefined();
    expect(chooseTool(request('forecast in Oslo', 'auto', 'tool'))).toBeUndefined();
  });

  it('always calls a tool when required (the best match, else the first) or named', () => {
    expect(chooseTool(request('Tell me a joke', 'required'))?.name).toBe('get_weather');
    expect(chooseTool(request('email please', 'required'))?.name).toBe('sendEmail');
    expect(chooseTool(request('Tell me a joke', { name: 'sendEmail' }))?.name).toBe('sendEmail');
  });
});
