import type { FakeProviders } from './types.js';

/** The text the CLI prints once the server listens: base URLs and a curl line per provider. */
export function cliBanner(fake: FakeProviders): string {
  const { url } = fake;
  const json = "-H 'content-type: application/json'";
  return [
    `modelmux-fake listening on ${url}`,
    '',
    'Base URLs:',
    `  openai     ${fake.baseURL.openai}    new OpenAI({ baseURL })`,
    `  anthropic  ${fake.baseURL.anthropic}       new Anthropic({ baseURL })`,
    `  groq       ${fake.baseURL.groq}       new Groq({ baseURL })  (the SDK adds /openai/v1)`,
    `  google     ${fake.baseURL.google}       new GoogleGenAI({ apiKey, httpOptions: { baseUrl } })  (@google/genai)`,
    '',
    'Try:',
    `  curl -s ${url}/v1/chat/completions ${json} -d '{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"Hello"}]}'`,
    `  curl -s ${url}/v1/messages ${json} -H 'anthropic-version: 2023-06-01' -d '{"model":"claude-haiku-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hello"}]}'`,
    `  curl -s ${url}/openai/v1/chat/completions ${json} -d '{"model":"llama-3.3-70b-versatile","messages":[{"role":"user","content":"Hello"}]}'`,
    `  curl -s ${url}/v1beta/models/gemini-2.5-flash:generateContent ${json} -d '{"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}'`,
    '',
    'Ctrl-C to stop.',
    '',
  ].join('\n');
}
