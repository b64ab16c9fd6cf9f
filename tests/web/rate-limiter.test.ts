import { expect, test } from 'vitest';
import { createRateLimiter } from '../../adapters/web/rate-limiter.js';

test('a client gets its budget at once, then one request per refill, with the wait it must make', () => {
  let now = 0;
  const limiter = createRateLimiter({ perMinute: 2, now: () => now });
  expect(limiter.take('a')).toEqual({ allowed: true });
  expect(limiter.take('a')).toEqual({ allowed: true });
  expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  expect(limiter.take('b')).toEqual({ allowed: true });
  now += 30_000;
  expect(limiter.take('a')).toEqual({ allowed: true });
  expect(limiter.take('a')).toMatchObject({ allowed: false });
});

test('the number of clients held is bounded; a client forgotten to make room starts with a full bucket', () => {
  const limiter = createRateLimiter({ perMinute: 1, maxClients: 2, now: () => 0 });
  limiter.take('a');
  limiter.take('b');
  limiter.take('c');
  expect(limiter.take('c')).toMatchObject({ allowed: false });
  expect(limiter.take('a')).toEqual({ allowed: true });
});
