import type { VendorCodec } from '../codec.js';
import { openAICodec } from '../openai/openai-codec.js';

/** Groq's wire format: OpenAI's under `/openai/v1`, with `x_groq` (id, stream usage). */
export function groqCodec(): VendorCodec {
  return openAICodec(true);
}
