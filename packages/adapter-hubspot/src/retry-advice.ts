import type { TransportResponse } from '@crm-lens/core';
import type { RateLimitError } from './hubspot-types.js';

/**
 * How long to wait after a HubSpot 429, for `retrying`'s `advice`: its `Retry-After` when it sends one;
 * otherwise by the `policyName` in the body, as HubSpot's own client does — the ten-second rolling limit waits
 * 10 s, the secondly (search) limit 1 s, and the daily limit is not retried (it resets at midnight).
 */
export function hubspotRetryAdvice(response: TransportResponse): number | 'stop' | undefined {
  if (response.status !== 429 || response.headers['retry-after'] !== undefined) return undefined;
  let body = response.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (body === null || typeof body !== 'object') return undefined;
  const { policyName, message } = body as Partial<RateLimitError>;
  if (policyName === 'DAILY') return 'stop';
  if (policyName === 'TEN_SECONDLY_ROLLING') return 10_000;
  if (policyName === 'SECONDLY' || message === 'You have reached your secondly limit.') return 1_000;
  return undefined;
}
