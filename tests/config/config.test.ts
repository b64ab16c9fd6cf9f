import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';

describe('loadConfiguration', () => {
  it('defaults to the embedded database, port 3000 and the demo catalogue', () => {
    const configuration = loadConfiguration({});
    expect(configuration.storage.databaseUrl).toBeUndefined();
    expect(configuration.server.port).toBe(3000);
    expect(configuration.storage.dataDir).toBe('.veileder');
    expect(configuration.storage.importDemoCatalogue).toBe(true);
  });

  it('treats empty variables as unset', () => {
    const configuration = loadConfiguration({ DATABASE_URL: '', PORT: '', VEILEDER_DATA_DIR: '' });
    expect(configuration.storage.databaseUrl).toBeUndefined();
    expect(configuration.server.port).toBe(3000);
    expect(configuration.storage.dataDir).toBe('.veileder');
  });

  it('reads a PostgreSQL URL and switches the demo catalogue off on request', () => {
    const configuration = loadConfiguration({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/veileder',
      VEILEDER_DEMO_CATALOGUE: 'false',
      PORT: '8080',
    });
    expect(configuration.storage.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/veileder');
    expect(configuration.storage.importDemoCatalogue).toBe(false);
    expect(configuration.server.port).toBe(8080);
  });

  it('reads the trusted credential issuers as a list and refuses what is no issuer id', () => {
    expect(loadConfiguration({}).credentials.trustedIssuers).toEqual([]);
    const configuration = loadConfiguration({
      VEILEDER_TRUSTED_ISSUERS:
        ' did:web:badges.example.org , https://skole.example.no/issuer,did:key:z6MkrRh1tge17249zk2W6c4iuniPio6XwxsaZZqwKzs9umoB',
    });
    expect(configuration.credentials.trustedIssuers).toEqual([
      'did:web:badges.example.org',
      'https://skole.example.no/issuer',
      'did:key:z6MkrRh1tge17249zk2W6c4iuniPio6XwxsaZZqwKzs9umoB',
    ]);
    expect(() => loadConfiguration({ VEILEDER_TRUSTED_ISSUERS: 'http://skole.example.no/issuer' })).toThrow(
      /VEILEDER_TRUSTED_ISSUERS.*did:web/s,
    );
  });

  it('names every bad variable and says how to fix it', () => {
    let error: unknown;
    try {
      loadConfiguration({ DATABASE_URL: 'mysql://localhost/x', PORT: 'eighty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
    expect(message).toMatch(/leave it unset to use the embedded database/);
    expect(message).toMatch(/PORT: must be a port number/);
  });

  it("reads the origins allowed to frame Veileder's pages, 'self' unless set", () => {
    expect(loadConfiguration({}).server.frameAncestors).toEqual(["'self'"]);
    expect(
      loadConfiguration({ VEILEDER_FRAME_ANCESTORS: "'self', https://portal.example.no https://*.kommune.no:8443" })
        .server.frameAncestors,
    ).toEqual(["'self'", 'https://portal.example.no', 'https://*.kommune.no:8443']);
    expect(() => loadConfiguration({ VEILEDER_FRAME_ANCESTORS: 'https://portal.example.no/path' })).toThrow(
      /VEILEDER_FRAME_ANCESTORS\.0: must list the origins allowed to frame/,
    );
    expect(() => loadConfiguration({ VEILEDER_FRAME_ANCESTORS: "'none' https://portal.example.no" })).toThrow(
      /'none' must stand alone/,
    );
  });
});
