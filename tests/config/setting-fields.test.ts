import { expect, test } from 'vitest';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';
import { numberSetting } from '../../adapters/settings/setting-fields.js';

test('a number setting treats empty as unset and gives one how-to-fix message for text and range alike', () => {
  const minutes = numberSetting({
    fallback: 60,
    mustBe: 'must be a whole number of minutes, e.g. 60',
    whole: true,
    above: 0,
  });
  expect(minutes.parse(undefined)).toBe(60);
  expect(minutes.parse('')).toBe(60);
  expect(minutes.parse(' 15 ')).toBe(15);
  for (const bad of ['soon', '0', '-3', '1.5']) {
    const parsed = minutes.safeParse(bad);
    expect(parsed.success, bad).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['must be a whole number of minutes, e.g. 60']);
  }
});

test('mistakes in several sections, in single variables and in pairs, are reported together', () => {
  let message = '';
  try {
    loadConfiguration({
      PORT: 'eighty',
      MicrosoftAppPassword: 'secret',
      VEILEDER_OIDC_ISSUER: 'https://login.example',
      VEILEDER_PUSH_CHECK_SECONDS: '0',
    });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    message = (error as Error).message;
  }
  expect(message).toMatch(/PORT: must be a port number/);
  expect(message).toMatch(/MicrosoftAppId: is missing while MicrosoftAppPassword/);
  expect(message).toMatch(/VEILEDER_OIDC_ISSUER, VEILEDER_OIDC_CLIENT_ID, VEILEDER_OIDC_CLIENT_SECRET: set all three/);
  expect(message).toMatch(/VEILEDER_PUSH_CHECK_SECONDS: must be a number of seconds, e.g. 60/);
  expect(message).toMatch(/Fix these environment variables and start again\.$/);
  // Read by Slack's section too, reported once.
  expect(() => loadConfiguration({ VEILEDER_CREDENTIAL_SECRET: 'short' })).toThrow(
    /^Veileder's configuration is not valid:\n {2}VEILEDER_CREDENTIAL_SECRET: must be at least 32 characters[^\n]*\nFix/,
  );
});
