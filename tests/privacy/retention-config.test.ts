import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';

describe('retention configuration', () => {
  it('defaults to 365 days, purged hourly; empty counts as unset; 0 keeps conversations', () => {
    expect(loadConfiguration({}).privacy).toEqual({ retentionDays: 365, purgeIntervalMinutes: 60 });
    expect(loadConfiguration({ VEILEDER_RETENTION_DAYS: '', VEILEDER_PURGE_INTERVAL_MINUTES: '' }).privacy).toEqual({
      retentionDays: 365,
      purgeIntervalMinutes: 60,
    });
    expect(loadConfiguration({ VEILEDER_RETENTION_DAYS: '0', VEILEDER_PURGE_INTERVAL_MINUTES: '15' }).privacy).toEqual({
      retentionDays: 0,
      purgeIntervalMinutes: 15,
    });
  });

  it('refuses a negative or fractional number of days with a message saying what to write', () => {
    expect(() => loadConfiguration({ VEILEDER_RETENTION_DAYS: '-1' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ VEILEDER_RETENTION_DAYS: 'a year' })).toThrow(
      /VEILEDER_RETENTION_DAYS: must be a whole number of days/,
    );
  });
});
