import type { ModelUnderstander } from './model-understanding.js';
import type { MessageUnderstander } from './understanding.js';

/**
 * The model reads the message when one is configured; on any failure (rate limit, timeout, invalid output,
 * unreachable) the local understander answers, and the model's spent tokens are still counted.
 */
export function withFallback(options: {
  model: ModelUnderstander | undefined;
  local: MessageUnderstander;
}): MessageUnderstander {
  const { model, local } = options;
  if (!model) return local;
  return {
    async understand(request) {
      const attempt = await model.understandWithModel(request);
      if (attempt.ok) return attempt.outcome;
      const fallback = await local.understand(request);
      return { ...fallback, usage: attempt.usage, fallbackReason: attempt.reason };
    },
  };
}
