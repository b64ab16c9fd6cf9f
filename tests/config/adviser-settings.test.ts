import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';

describe("advisers' workspace settings", () => {
  it('defaults to 12-hour sessions, a 60-minute idle timeout, lockout after 5 failures for 15 minutes, 20 failures per address, no OIDC', () => {
    expect(loadConfiguration({}).advisers).toEqual({
      sessionHours: 12,
      idleMinutes: 60,
      maxFailedSignIns: 5,
      lockoutMinutes: 15,
      maxFailedSignInsPerAddress: 20,
      oidc: undefined,
    });
    expect(loadConfiguration({}).server.publicUrl).toBeUndefined();
    expect(loadConfiguration({}).server.trustProxy).toBeUndefined();
  });

  it('reads OpenID Connect with allowed domains and a role claim', () => {
    const configuration = loadConfiguration({
      VEILEDER_PUBLIC_URL: 'https://veileder.example.no/',
      VEILEDER_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      VEILEDER_OIDC_CLIENT_ID: 'client',
      VEILEDER_OIDC_CLIENT_SECRET: 'secret',
      VEILEDER_OIDC_ALLOWED_DOMAINS: 'Kommune.no, @nav.no',
      VEILEDER_OIDC_ROLE_CLAIM: 'roles',
      VEILEDER_OIDC_ADMIN_VALUES: 'Veileder.Admin',
      VEILEDER_ADVISER_LOCKOUT_MINUTES: '30',
    });
    expect(configuration.server.publicUrl).toBe('https://veileder.example.no');
    expect(configuration.advisers.lockoutMinutes).toBe(30);
    expect(configuration.advisers.oidc).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      clientId: 'client',
      clientSecret: 'secret',
      allowedDomains: ['kommune.no', 'nav.no'],
      roleClaim: 'roles',
      adminValues: ['Veileder.Admin'],
      label: 'Microsoft',
    });
  });

  it('refuses half an OIDC configuration, and says which variables belong together', () => {
    expect(() => loadConfiguration({ VEILEDER_OIDC_ISSUER: 'https://login.example' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ VEILEDER_OIDC_ISSUER: 'https://login.example' })).toThrow(
      /VEILEDER_OIDC_CLIENT_ID, VEILEDER_OIDC_CLIENT_SECRET: set all three/,
    );
    expect(() => loadConfiguration({ VEILEDER_ADVISER_IDLE_MINUTES: 'soon' })).toThrow(
      /VEILEDER_ADVISER_IDLE_MINUTES: must be a number of minutes/,
    );
  });
});
