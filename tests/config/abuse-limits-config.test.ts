import { expect, test } from 'vitest';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';

test('Direct Line and search limits have defaults, are read in their units, and a bad one says how to fix it', () => {
  const defaults = loadConfiguration({});
  expect(defaults.channels.directLine.limits).toEqual({
    startsPerMinute: 10,
    postsPerMinute: 30,
    maxActivityBytes: 32 * 1024,
    maxActivities: 500,
    maxConversationBytes: 1024 * 1024,
    idleMinutes: 60,
  });
  expect(defaults.offerings).toEqual({ searchesPerMinute: 30 });
  const set = loadConfiguration({
    VEILEDER_DIRECT_LINE_MAX_ACTIVITY_KB: '16',
    VEILEDER_DIRECT_LINE_STARTS_PER_MINUTE: '',
    VEILEDER_SEARCHES_PER_MINUTE: '5',
  });
  expect(set.channels.directLine.limits).toMatchObject({ maxActivityBytes: 16 * 1024, startsPerMinute: 10 });
  expect(set.offerings.searchesPerMinute).toBe(5);
  expect(() => loadConfiguration({ VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE: '0' })).toThrow(ConfigurationError);
  expect(() => loadConfiguration({ VEILEDER_SEARCHES_PER_MINUTE: 'lots' })).toThrow(
    /VEILEDER_SEARCHES_PER_MINUTE: must be a whole number of searches/,
  );
});

test('VEILEDER_TRUST_PROXY takes a hop count or proxy addresses, never "trust all"', () => {
  expect(loadConfiguration({}).server.trustProxy).toBeUndefined();
  expect(loadConfiguration({ VEILEDER_TRUST_PROXY: '1' }).server.trustProxy).toBe(1);
  expect(loadConfiguration({ VEILEDER_TRUST_PROXY: '10.0.0.0/8, loopback, ::1' }).server.trustProxy).toEqual([
    '10.0.0.0/8',
    'loopback',
    '::1',
  ]);
  expect(() => loadConfiguration({ VEILEDER_TRUST_PROXY: 'true' })).toThrow(
    /VEILEDER_TRUST_PROXY: must be the number of proxies/,
  );
  expect(() => loadConfiguration({ VEILEDER_TRUST_PROXY: '10.0.0.0/33' })).toThrow(ConfigurationError);
});
