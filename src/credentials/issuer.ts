/**
 * Where Veileder publishes what a verifier needs, all under the configured public URL: the issuer profile
 * (its URL is the issuer id inside every credential), each public key (a `kid` dereferences to its JWK),
 * the JWKS of all keys, and the status lists. Changing the public URL changes the issuer id, so credentials
 * issued under the old URL then verify as "unknown issuer" — set VEILEDER_PUBLIC_URL once, before issuing.
 */
export type IssuerSettings = {
  /** Public base URL, no trailing slash. */
  publicUrl: string;
  /** The issuer profile's `name`, e.g. "Læringsportalen". */
  name: string;
};

export function issuerId(settings: IssuerSettings): string {
  return `${settings.publicUrl}/api/credentials/issuer`;
}

export function keyUrl(settings: IssuerSettings, keyId: string): string {
  return `${settings.publicUrl}/api/credentials/keys/${keyId}`;
}

function jwksUrl(settings: IssuerSettings): string {
  return `${settings.publicUrl}/.well-known/jwks.json`;
}

export function statusListUrl(settings: IssuerSettings, listId: string): string {
  return `${settings.publicUrl}/api/credentials/status/${listId}`;
}

/** The status list id a URL of this issuer names, or null when the URL is not one of ours. */
export function statusListIdFromUrl(settings: IssuerSettings, url: string): string | null {
  const prefix = `${settings.publicUrl}/api/credentials/status/`;
  if (!url.startsWith(prefix)) return null;
  const id = url.slice(prefix.length);
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

export function keyIdFromKid(settings: IssuerSettings, kid: string): string | null {
  const prefix = `${settings.publicUrl}/api/credentials/keys/`;
  if (!kid.startsWith(prefix)) return null;
  const id = kid.slice(prefix.length);
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** The issuer profile document (OB 3.0 `Profile`) served at the issuer id. */
export function issuerProfileDocument(settings: IssuerSettings): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: issuerId(settings),
    type: ['Profile'],
    name: settings.name,
    url: settings.publicUrl,
    // Not an OB 3.0 property: where the issuer's public keys are, for verifiers that look for it.
    jwks_uri: jwksUrl(settings),
  };
}
