import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A fake OpenID Connect provider on a real local HTTP server, speaking the protocol as Entra ID does for
 * the authorization code flow: discovery document, JWKS, an authorize endpoint that "signs in" whichever
 * user the test chose, and a token endpoint that checks the client secret, the code, the redirect URI and
 * the PKCE verifier before issuing an RS256-signed ID token.
 */

type FakeOidcUser = { sub: string; email?: string; name?: string; roles?: string[]; email_verified?: boolean };

export type FakeOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The user the next authorization signs in. */
  user: FakeOidcUser;
  /** Token requests refused, with why (for assertions). */
  refusals: string[];
  close(): Promise<void>;
};

export async function startFakeOidcProvider(): Promise<FakeOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { user: FakeOidcUser; nonce: string; challenge: string; redirectUri: string }>();
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  const provider: FakeOidcProvider = {
    issuer: '',
    clientId: 'veileder-test',
    clientSecret: 'fake-oidc-secret',
    user: { sub: 'nobody' },
    refusals: [],
    close: async () => {},
  };

  app.get('/.well-known/openid-configuration', (_request, response) => {
    response.json({
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/authorize`,
      token_endpoint: `${provider.issuer}/token`,
      jwks_uri: `${provider.issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      scopes_supported: ['openid', 'email', 'profile'],
    });
  });
  app.get('/jwks', (_request, response) => void response.json({ keys: [jwk] }));
  app.get('/authorize', (request, response) => {
    const query = request.query as Record<string, string>;
    if (
      query.client_id !== provider.clientId ||
      query.response_type !== 'code' ||
      query.code_challenge_method !== 'S256' ||
      !query.code_challenge ||
      !query.nonce ||
      !query.state
    ) {
      response.status(400).send('bad authorization request');
      return;
    }
    const code = randomBytes(16).toString('hex');
    codes.set(code, {
      user: provider.user,
      nonce: query.nonce,
      challenge: query.code_challenge,
      redirectUri: query.redirect_uri!,
    });
    const back = new URL(query.redirect_uri!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.state);
    response.redirect(302, back.href);
  });
  app.post('/token', async (request, response) => {
    const body = request.body as Record<string, string>;
    const basic = request.get('authorization')?.startsWith('Basic ')
      ? Buffer.from(request.get('authorization')!.slice(6), 'base64').toString().split(':').map(decodeURIComponent)
      : undefined;
    const [clientId, clientSecret] = basic ?? [body.client_id, body.client_secret];
    const refuse = (why: string) => {
      provider.refusals.push(why);
      response.status(400).json({ error: 'invalid_grant', error_description: why });
    };
    if (clientId !== provider.clientId || clientSecret !== provider.clientSecret)
      return refuse('client authentication failed');
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    if (body.grant_type !== 'authorization_code' || !grant) return refuse('unknown code');
    if (body.redirect_uri !== grant.redirectUri) return refuse('redirect_uri differs');
    if (
      createHash('sha256')
        .update(body.code_verifier ?? '')
        .digest('base64url') !== grant.challenge
    )
      return refuse('PKCE verifier does not match');
    const { sub, ...claims } = grant.user;
    const idToken = await new SignJWT({ ...claims, nonce: grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(provider.issuer)
      .setAudience(provider.clientId)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    response.json({
      access_token: randomBytes(16).toString('hex'),
      token_type: 'Bearer',
      expires_in: 600,
      id_token: idToken,
      scope: 'openid email profile',
    });
  });

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.close = () => new Promise((resolve) => server.close(() => resolve()));
  return provider;
}
