import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { CredentialService } from '../../credentials/credential-service.js';
import { keyUrl } from '../../../src/credentials/issuer.js';
import { achievementTypes } from '../../../src/credentials/open-badge.js';
import { invalidRequest, notFound, VeilederError } from '../../../src/errors.js';
import type { UseCases } from '../../use-cases.js';
import {
  languageLinks,
  pageLanguage,
  renderPublicPage,
  renderVerification,
  type PageLanguage,
} from '../credentials/credential-html.js';
import { readMultipart } from '../credentials/multipart-upload.js';
import { publicPageHeaders } from '../credentials/public-page-headers.js';
import { requireProviderKey } from './provider-key-auth.js';
import type { RouteModule } from './route-module.js';
import { html, type SafeHtml } from '../html.js';

/**
 * Proof of learning on the open web (docs/credentials.md): what a verifier needs (JWKS, each key, the issuer
 * profile, the status lists), verification (POST /api/verify and the /verify page, also for share links),
 * and the providers' API for reporting completions.
 */
export const credentialRoutes: RouteModule = {
  describe: [
    {
      path: '/verify',
      summary:
        'check a credential (paste it, upload a baked badge image, or open a share link): signature, issuer, validity period, revocation',
    },
    {
      path: '/api/verify',
      summary:
        'POST a credential (VC-JWT, Data Integrity JSON, or a baked PNG/SVG badge) → { verdict, reasons, credential, issuer }',
    },
    { path: '/.well-known/jwks.json', summary: 'the credential issuer’s public keys (JWKS, rotated keys included)' },
    { path: '/api/credentials/issuer', summary: 'the issuer profile (Open Badges 3.0 Profile)' },
    {
      path: '/api/providers/:providerId/completions',
      summary: 'POST a completion with the provider’s API key → an Open Badges credential',
    },
  ],
  router(context) {
    const router = Router();
    const service = (): CredentialService => {
      if (!context.credentials) {
        throw new VeilederError({
          code: 'invalid_configuration',
          message: 'credentials are switched off',
          userMessage: 'Credentials are switched off on this server: set VEILEDER_CREDENTIAL_SECRET.',
        });
      }
      return context.credentials;
    };

    router.get('/.well-known/jwks.json', async (_request, response) => {
      response
        .set('Cache-Control', 'public, max-age=300')
        .type('application/jwk-set+json')
        .send(JSON.stringify(await service().jwks()));
    });
    router.get('/api/credentials/issuer', (_request, response) => {
      response.type('application/json').send(JSON.stringify(service().issuerProfile()));
    });
    router.get('/api/credentials/keys/:keyId', async (request, response) => {
      const credentials = service();
      const key = (await credentials.keys.allKeys()).find((candidate) => candidate.id === request.params.keyId);
      if (!key) throw notFound({ what: 'Key', id: String(request.params.keyId) });
      response
        .type('application/jwk+json')
        .send(JSON.stringify({ ...key.publicJwk, kid: keyUrl(credentials.issuer, key.id) }));
    });
    router.get('/api/credentials/status/:listId', async (request, response) => {
      const jwt = await service().statusListJwt(String(request.params.listId));
      if (!jwt) throw notFound({ what: 'Status list', id: String(request.params.listId) });
      // Short caching: a revocation must reach verifiers quickly.
      response.set('Cache-Control', 'public, max-age=60').type('application/vc+jwt').send(jwt);
    });

    router.post(
      '/api/verify',
      express.text({ type: ['text/plain', 'application/jwt', 'application/vc+jwt'], limit: '256kb' }),
      express.raw({ type: bakedOrDocumentTypes, limit: uploadLimit }),
      async (request, response) => {
        const credential = await credentialFromBody(request, context.useCases);
        const result = await service().verify(credential);
        response.json(result);
      },
    );

    router.use('/verify', publicPageHeaders);
    router.get('/verify', async (request, response) => {
      const language = pageLanguage(request.query.lang);
      const share = typeof request.query.share === 'string' ? request.query.share : undefined;
      let result: SafeHtml | undefined;
      if (share) {
        const opened = await context.useCases.openCredentialShare({ token: share, now: new Date() });
        result =
          'problem' in opened
            ? html`<section class="verdict bad" data-verdict="share_${opened.problem}"><h2>✗ ${shareProblem[opened.problem][language]}</h2></section>`
            : renderVerification(await service().verify(opened.jwt), language);
      }
      response
        .type('html')
        .send(verifyPage({ language, result, path: share ? `/verify?share=${encodeURIComponent(share)}` : '/verify' }));
    });
    router.post(
      '/verify',
      express.urlencoded({ extended: false, limit: '256kb' }),
      express.raw({ type: 'multipart/form-data', limit: uploadLimit }),
      async (request, response) => {
        // The paste form is urlencoded; the upload form (a baked PNG or SVG badge, or a .json/.jwt file) multipart.
        const parts = request.is('multipart/form-data') ? readMultipart(request) : null;
        const fields = parts
          ? Object.fromEntries(
              parts.filter((part) => part.filename === null).map((part) => [part.name, part.content.toString('utf8')]),
            )
          : ((request.body ?? {}) as Record<string, unknown>);
        const language = pageLanguage(request.query.lang ?? fields.lang);
        const upload = parts?.find(
          (part) => part.name === 'badge' && part.filename !== null && part.content.length > 0,
        );
        const pasted = z.object({ credential: z.string().trim().min(1).max(200_000) }).safeParse(fields);
        let result: SafeHtml | undefined;
        if (upload) result = renderVerification(await service().verify(new Uint8Array(upload.content)), language);
        else if (pasted.success) {
          const shareToken = shareTokenOf(pasted.data.credential);
          const opened = shareToken
            ? await context.useCases.openCredentialShare({ token: shareToken, now: new Date() })
            : null;
          if (opened && 'problem' in opened)
            result = html`<section class="verdict bad" data-verdict="share_${opened.problem}"><h2>✗ ${shareProblem[opened.problem][language]}</h2></section>`;
          else
            result = renderVerification(await service().verify(opened ? opened.jwt : pasted.data.credential), language);
        }
        response.type('html').send(
          verifyPage({
            language,
            result,
            pasted: !upload && pasted.success ? pasted.data.credential : '',
            path: '/verify',
          }),
        );
      },
    );

    router.post(
      '/api/providers/:providerId/completions',
      requireProviderKey(context.useCases),
      async (request, response) => {
        const providerId = String(request.params.providerId);
        const completion = completionSchema.parse(request.body);
        const issued = await context.useCases.recordProviderCompletion({ providerId, completion });
        context.log.info('Credential issued on a provider report', { credential: issued.id, provider: providerId });
        response.status(201).json({ id: issued.id, jwt: issued.jwt, credential: issued.credential });
      },
    );
    router.get(
      '/api/providers/:providerId/credentials/:credentialId',
      requireProviderKey(context.useCases),
      async (request, response) => {
        const id = String(request.params.credentialId);
        const record = await service().store.findById(id.startsWith('urn:uuid:') ? id : `urn:uuid:${id}`);
        if (!record || record.providerId !== String(request.params.providerId))
          throw notFound({ what: 'Credential', id });
        // jwt is null once the learner asked to be forgotten: Veileder keeps no copy then.
        response.json({
          id: record.id,
          achievementName: record.achievementName,
          issuedAt: record.issuedAt,
          validUntil: record.validUntil,
          revokedAt: record.revokedAt,
          jwt: record.jwt,
        });
      },
    );
    router.post(
      '/api/providers/:providerId/credentials/:credentialId/revoke',
      requireProviderKey(context.useCases),
      async (request, response) => {
        const credentials = service();
        const id = String(request.params.credentialId);
        const record = await credentials.store.findById(id.startsWith('urn:uuid:') ? id : `urn:uuid:${id}`);
        if (!record || record.providerId !== String(request.params.providerId))
          throw notFound({ what: 'Credential', id });
        const reason = z.object({ reason: z.string().trim().max(500).optional() }).parse(request.body ?? {}).reason;
        const revoked = await credentials.revoke({ credentialId: record.id, reason });
        response.json({ id: revoked.id, revokedAt: revoked.revokedAt });
      },
    );
    return router;
  },
};

const shareProblem: Record<'unknown' | 'expired' | 'revoked', Record<PageLanguage, string>> = {
  unknown: {
    nb: 'Delingslenken finnes ikke.',
    nn: 'Delingslenkja finst ikkje.',
    en: 'This share link does not exist.',
  },
  expired: { nb: 'Delingslenken er utløpt.', nn: 'Delingslenkja har gått ut.', en: 'This share link has expired.' },
  revoked: {
    nb: 'Innehaveren har trukket tilbake delingslenken.',
    nn: 'Innehavaren har trekt tilbake delingslenkja.',
    en: 'The holder has withdrawn this share link.',
  },
};

const verifyTexts = {
  nb: {
    title: 'Sjekk et kursbevis',
    intro:
      'Lim inn kursbeviset (en VC-JWT, JSON med innebygd bevis eller med feltet "jwt", eller en delingslenke) og trykk Sjekk. Vi sjekker signaturen mot utstederens publiserte nøkler, utstederen, gyldighetsperioden og om beviset er trukket tilbake.',
    label: 'Kursbevis',
    button: 'Sjekk',
    upload: 'Eller last opp et merke (PNG eller SVG med kursbeviset bakt inn) eller en .json- eller .jwt-fil',
    uploadButton: 'Last opp og sjekk',
  },
  nn: {
    title: 'Sjekk eit kursbevis',
    intro:
      'Lim inn kursbeviset (ein VC-JWT, JSON med innebygd prov eller med feltet "jwt", eller ei delingslenkje) og trykk Sjekk. Vi sjekkar signaturen mot dei publiserte nøklane til utskrivaren, utskrivaren, gyldigheitsperioden og om beviset er trekt tilbake.',
    label: 'Kursbevis',
    button: 'Sjekk',
    upload: 'Eller last opp eit merke (PNG eller SVG med kursbeviset bakt inn) eller ei .json- eller .jwt-fil',
    uploadButton: 'Last opp og sjekk',
  },
  en: {
    title: 'Check a credential',
    intro:
      'Paste the credential (a VC-JWT, JSON with an embedded proof or a "jwt" field, or a share link) and press Check. We check the signature against the issuer’s published keys, the issuer, the validity period and whether it was revoked.',
    label: 'Credential',
    button: 'Check',
    upload: 'Or upload a badge (a PNG or SVG with the credential baked in) or a .json or .jwt file',
    uploadButton: 'Upload and check',
  },
} as const;

function verifyPage(options: {
  language: PageLanguage;
  result: SafeHtml | undefined;
  pasted?: string;
  path: string;
}): string {
  const text = verifyTexts[options.language];
  return renderPublicPage({
    title: text.title,
    language: options.language,
    body: html`${languageLinks(options.path, options.language)}
<h1>${text.title}</h1>
${options.result}
<form method="post" action="/verify?lang=${options.language}">
  <p class="muted">${text.intro}</p>
  <label for="credential">${text.label}</label>
  <textarea id="credential" name="credential" spellcheck="false">${options.pasted ?? ''}</textarea>
  <p><button type="submit">${text.button}</button></p>
</form>
<form method="post" action="/verify?lang=${options.language}" enctype="multipart/form-data">
  <label for="badge">${text.upload}</label>
  <p><input type="file" id="badge" name="badge" accept="image/png,image/svg+xml,.svg,.png,.json,.jwt"></p>
  <p><button type="submit" class="secondary">${text.uploadButton}</button></p>
</form>`,
  });
}

/** The token of a pasted share link (…/verify?share=TOKEN), if that is what was pasted. */
function shareTokenOf(text: string): string | null {
  const match = /^https?:\/\/\S+[?&]share=([\w-]{16,100})\s*$/.exec(text.trim());
  return match ? match[1]! : null;
}

/** Raw bodies /api/verify takes as bytes: baked badge images and a credential with an embedded proof. */
const bakedOrDocumentTypes = [
  'image/png',
  'image/svg+xml',
  'application/vc+ld+json',
  'application/vc',
  'application/ld+json',
];
const uploadLimit = '2mb';

const verifyBody = z.union(
  [
    z.object({ jwt: z.string().trim().min(1).max(200_000) }),
    z.object({ share: z.string().trim().min(1).max(200) }),
    // A Data Integrity credential (or a baked SVG's text) wrapped in JSON.
    z.object({ credential: z.union([z.string().trim().min(1).max(1_000_000), z.record(z.string(), z.unknown())]) }),
  ],
  {
    error:
      'send the credential as { "jwt": "…" }, { "share": "<share link token>" }, { "credential": { … } }, the credential JSON itself, the bare VC-JWT as text/plain, or a baked badge as image/png or image/svg+xml',
  },
);

async function credentialFromBody(request: Request, useCases: UseCases): Promise<string | Uint8Array> {
  if (Buffer.isBuffer(request.body)) {
    if (request.body.length === 0) throw invalidRequest({ message: 'The request body is empty: send the credential.' });
    return new Uint8Array(request.body);
  }
  if (typeof request.body === 'string') {
    if (!request.body.trim()) throw invalidRequest({ message: 'The request body is empty: send the VC-JWT.' });
    return request.body.trim();
  }
  const raw = (request.body ?? {}) as Record<string, unknown>;
  // The credential itself posted as application/json (a Data Integrity credential has @context and proof).
  if ('@context' in raw) return JSON.stringify(raw);
  const body = verifyBody.parse(raw);
  if ('jwt' in body) return body.jwt;
  if ('credential' in body)
    return typeof body.credential === 'string' ? body.credential : JSON.stringify(body.credential);
  const opened = await useCases.openCredentialShare({ token: body.share, now: new Date() });
  if ('problem' in opened)
    throw new VeilederError({
      code: 'not_found',
      message: `share link ${opened.problem}`,
      userMessage: shareProblem[opened.problem].en,
    });
  return opened.jwt;
}

const httpsOrUrn = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^(https?:\/\/|urn:)/.test(value), 'must be an http(s) URL or a URN');

const completionSchema = z
  .object({
    learnerId: z.string().trim().min(1).max(100).optional(),
    recipient: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320).optional() }),
    offeringId: z.string().trim().min(1).max(100).optional(),
    achievement: z
      .object({
        name: z.string().trim().min(1).max(300),
        description: z.string().trim().min(1).max(5000),
        criteria: z.string().trim().min(1).max(5000),
        achievementType: z.enum(achievementTypes).default('Course'),
        escoSkills: z
          .array(z.object({ uri: httpsOrUrn, label: z.string().trim().min(1).max(300) }))
          .max(30)
          .optional(),
      })
      .optional(),
    completedAt: z.coerce.date().optional(),
    validUntil: z.coerce.date().optional(),
    evidence: z
      .array(
        z.object({
          url: httpsOrUrn.optional(),
          name: z.string().trim().max(300).optional(),
          narrative: z.string().trim().max(5000).optional(),
        }),
      )
      .max(20)
      .optional(),
  })
  .refine((body) => body.offeringId || body.achievement, {
    message: 'give offeringId (one of your offerings in the catalogue) or achievement { name, description, criteria }',
  });
