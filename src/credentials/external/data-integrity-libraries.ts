/**
 * Digital Bazaar's Data Integrity stack (jsonld, canonicalisation, the cryptosuites) takes ~0.8 s to import
 * (measured: `node` importing the five modules, 754–1007 ms). Most Veileder processes never check another
 * issuer's credential, so the modules are loaded on first use, once.
 */
let loading:
  | Promise<{
      jsigs: typeof import('jsonld-signatures').default;
      DataIntegrityProof: typeof import('@digitalbazaar/data-integrity').DataIntegrityProof;
      /** By cryptosuite name, as a proof names it. */
      cryptosuites: Record<string, unknown>;
      CredentialIssuancePurpose: typeof import('@digitalbazaar/vc').CredentialIssuancePurpose;
      Ed25519Multikey: typeof import('@digitalbazaar/ed25519-multikey');
      EcdsaMultikey: typeof import('@digitalbazaar/ecdsa-multikey');
    }>
  | undefined;

export function dataIntegrityLibraries() {
  loading ??= (async () => {
    const [jsigs, dataIntegrity, eddsa, ecdsa, vc, Ed25519Multikey, EcdsaMultikey] = await Promise.all([
      import('jsonld-signatures'),
      import('@digitalbazaar/data-integrity'),
      import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
      import('@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'),
      import('@digitalbazaar/vc'),
      import('@digitalbazaar/ed25519-multikey'),
      import('@digitalbazaar/ecdsa-multikey'),
    ]);
    return {
      jsigs: jsigs.default,
      DataIntegrityProof: dataIntegrity.DataIntegrityProof,
      cryptosuites: { 'eddsa-rdfc-2022': eddsa.cryptosuite, 'ecdsa-rdfc-2019': ecdsa.cryptosuite },
      CredentialIssuancePurpose: vc.CredentialIssuancePurpose,
      Ed25519Multikey,
      EcdsaMultikey,
    };
  })();
  return loading;
}
