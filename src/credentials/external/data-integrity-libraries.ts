/**
 * Digital Bazaar's Data Integrity stack (jsonld, canonicalisation, the cryptosuite) takes ~0.8 s to import
 * (measured: `node` importing the five modules, 754–1007 ms). Most Veileder processes never check another
 * issuer's credential, so the modules are loaded on first use, once.
 */
let loading: Promise<{
  jsigs: typeof import('jsonld-signatures').default;
  DataIntegrityProof: typeof import('@digitalbazaar/data-integrity').DataIntegrityProof;
  eddsaRdfc2022: typeof import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite').cryptosuite;
  CredentialIssuancePurpose: typeof import('@digitalbazaar/vc').CredentialIssuancePurpose;
  Ed25519Multikey: typeof import('@digitalbazaar/ed25519-multikey');
}> | undefined;

export function dataIntegrityLibraries() {
  loading ??= (async () => {
    const [jsigs, dataIntegrity, eddsa, vc, Ed25519Multikey] = await Promise.all([
      import('jsonld-signatures'),
      import('@digitalbazaar/data-integrity'),
      import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
      import('@digitalbazaar/vc'),
      import('@digitalbazaar/ed25519-multikey'),
    ]);
    return { jsigs: jsigs.default, DataIntegrityProof: dataIntegrity.DataIntegrityProof, eddsaRdfc2022: eddsa.cryptosuite, CredentialIssuancePurpose: vc.CredentialIssuancePurpose, Ed25519Multikey };
  })();
  return loading;
}
