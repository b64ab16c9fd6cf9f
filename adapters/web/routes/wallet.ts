import express, { Router, type Request } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { IssuedCredentialRecord } from '../../../src/credentials/credential-store.js';
import type { OpenBadgeCredential } from '../../../src/credentials/open-badge.js';
import { stripRegisteredClaims } from '../../../src/credentials/verify-credential.js';
import { readWalletToken } from '../../../src/credentials/wallet-link.js';
import { VeilederError } from '../../../src/errors.js';
import type { CredentialService } from '../../credentials/credential-service.js';
import { listCredentialShares } from '../../storage/credential-share-store.js';
import { publicPageHeaders } from '../credentials/public-page-headers.js';
import {
  formatDate,
  languageLinks,
  pageLanguage,
  renderCredentialFacts,
  renderPublicPage,
  type PageLanguage,
} from '../credentials/credential-html.js';
import type { RouteModule } from './route-module.js';
import { html, joinHtml, raw } from '../html.js';

/**
 * The learner's wallet page, reached by the short-lived signed link the chat gives ("vis kursbevisene
 * mine"): their credentials with status, downloads (JWT and JSON), and share links with a QR code that
 * expire and can be withdrawn. The token in the path is the only key — it is a secret a cross-site page
 * cannot know, so it also guards the page's forms against cross-site requests.
 */
export const walletRoutes: RouteModule = {
  describe: [
    {
      path: '/wallet/:token',
      summary: 'a learner’s credentials: status, download (JWT, JSON), share links with QR codes (link from the chat)',
    },
  ],
  router(context) {
    const router = Router();
    const form = express.urlencoded({ extended: false, limit: '16kb' });
    router.use('/wallet', publicPageHeaders);
    const open = async (request: Request) => {
      const credentials = context.credentials;
      if (!credentials)
        throw new VeilederError({
          code: 'invalid_configuration',
          message: 'credentials are switched off',
          userMessage: 'Credentials are switched off on this server.',
        });
      const read = readWalletToken({
        secret: credentials.secret,
        token: String(request.params.token),
        now: new Date(),
      });
      return { credentials, read, language: pageLanguage(request.query.lang) };
    };
    const expiredPage = (language: PageLanguage, problem: 'invalid' | 'expired') =>
      renderPublicPage({
        title: texts[language].title,
        language,
        body: html`<h1>${texts[language].title}</h1><p>${problem === 'expired' ? texts[language].expired : texts[language].invalid}</p>`,
      });

    const ownCredential = async (
      credentials: CredentialService,
      learnerId: string,
      id: string,
    ): Promise<IssuedCredentialRecord | null> => {
      const record = await credentials.store.findById(`urn:uuid:${id}`);
      return record && record.learnerId === learnerId && record.jwt ? record : null;
    };

    router.get('/wallet/:token', async (request, response) => {
      const { credentials, read, language } = await open(request);
      response.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
      if ('problem' in read)
        return void response
          .status(read.problem === 'expired' ? 410 : 404)
          .type('html')
          .send(expiredPage(language, read.problem));
      response
        .type('html')
        .send(
          await walletPage({ credentials, learnerId: read.learnerId, token: String(request.params.token), language }),
        );
    });

    router.get('/wallet/:token/credentials/:id.:format', async (request, response) => {
      const { credentials, read, language } = await open(request);
      if ('problem' in read)
        return void response
          .status(read.problem === 'expired' ? 410 : 404)
          .type('html')
          .send(expiredPage(language, read.problem));
      const record = await ownCredential(credentials, read.learnerId, String(request.params.id));
      if (!record?.jwt) return void response.status(404).type('html').send(expiredPage(language, 'invalid'));
      const name = `kursbevis-${String(request.params.id).slice(0, 8)}`;
      response.set('Cache-Control', 'no-store');
      if (request.params.format === 'jwt') {
        response.type('application/vc+jwt').attachment(`${name}.jwt`).send(record.jwt);
      } else if (request.params.format === 'json') {
        const credential = stripRegisteredClaims(
          JSON.parse(Buffer.from(record.jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>,
        );
        response
          .type('application/json')
          .attachment(`${name}.json`)
          .send(JSON.stringify({ jwt: record.jwt, credential }, null, 2));
      } else {
        response.status(404).end();
      }
    });

    router.post('/wallet/:token/credentials/:id/share', form, async (request, response) => {
      const { credentials, read, language } = await open(request);
      if ('problem' in read)
        return void response
          .status(read.problem === 'expired' ? 410 : 404)
          .type('html')
          .send(expiredPage(language, read.problem));
      const record = await ownCredential(credentials, read.learnerId, String(request.params.id));
      if (!record) return void response.status(404).type('html').send(expiredPage(language, 'invalid'));
      const { days } = z
        .object({
          days: z.coerce
            .number()
            .int()
            .refine((value) => [1, 7, 30, 90].includes(value), 'days must be 1, 7, 30 or 90'),
        })
        .parse(request.body);
      const { token } = await context.useCases.shareCredential({ credentialId: record.id, days, now: new Date() });
      const url = `${credentials.issuer.publicUrl}/verify?share=${token}`;
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      response
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(
          await walletPage({
            credentials,
            learnerId: read.learnerId,
            token: String(request.params.token),
            language,
            created: { credentialId: record.id, url, svg, days },
          }),
        );
    });

    router.post('/wallet/:token/shares/:hash/revoke', form, async (request, response) => {
      const { read, language } = await open(request);
      if ('problem' in read)
        return void response
          .status(read.problem === 'expired' ? 410 : 404)
          .type('html')
          .send(expiredPage(language, read.problem));
      await context.useCases.revokeCredentialShare({
        learnerId: read.learnerId,
        tokenHash: String(request.params.hash),
        now: new Date(),
      });
      response.redirect(303, `/wallet/${encodeURIComponent(String(request.params.token))}?lang=${language}`);
    });
    return router;
  },
};

const texts = {
  nb: {
    title: 'Kursbevisene mine',
    empty: 'Du har ingen kursbevis ennå.',
    expired: 'Lenken er utløpt. Be om en ny i chatten: «vis kursbevisene mine».',
    invalid: 'Lenken er ikke gyldig. Be om en ny i chatten: «vis kursbevisene mine».',
    download: 'Last ned',
    share: 'Lag delingslenke',
    days: 'Gyldig i',
    dayUnit: 'dager',
    day: 'dag',
    shareMade: 'Delingslenke laget, gyldig i {days} dager. Den som har lenken, ser kursbeviset og navnet ditt.',
    shares: 'Delingslenker',
    until: 'til',
    revoke: 'Trekk tilbake',
    revokedShare: 'trukket tilbake',
    expiredShare: 'utløpt',
    status: {
      valid: 'Gyldig',
      revoked: 'Trukket tilbake',
      expired: 'Utløpt',
      not_yet_valid: 'Ikke gyldig ennå',
      other: 'Kan ikke bekreftes',
    },
    linkExpires: 'Denne siden er åpen til {time}.',
  },
  nn: {
    title: 'Kursbevisa mine',
    empty: 'Du har ingen kursbevis enno.',
    expired: 'Lenkja har gått ut. Be om ei ny i chatten: «vis kursbevisa mine».',
    invalid: 'Lenkja er ikkje gyldig. Be om ei ny i chatten: «vis kursbevisa mine».',
    download: 'Last ned',
    share: 'Lag delingslenkje',
    days: 'Gyldig i',
    dayUnit: 'dagar',
    day: 'dag',
    shareMade: 'Delingslenkje laga, gyldig i {days} dagar. Den som har lenkja, ser kursbeviset og namnet ditt.',
    shares: 'Delingslenkjer',
    until: 'til',
    revoke: 'Trekk tilbake',
    revokedShare: 'trekt tilbake',
    expiredShare: 'gått ut',
    status: {
      valid: 'Gyldig',
      revoked: 'Trekt tilbake',
      expired: 'Gått ut',
      not_yet_valid: 'Ikkje gyldig enno',
      other: 'Kan ikkje stadfestast',
    },
    linkExpires: 'Denne sida er open til {time}.',
  },
  en: {
    title: 'My credentials',
    empty: 'You have no credentials yet.',
    expired: 'This link has expired. Ask for a new one in the chat: “show my credentials”.',
    invalid: 'This link is not valid. Ask for a new one in the chat: “show my credentials”.',
    download: 'Download',
    share: 'Make a share link',
    days: 'Valid for',
    dayUnit: 'days',
    day: 'day',
    shareMade: 'Share link made, valid for {days} days. Whoever has the link sees the credential and your name.',
    shares: 'Share links',
    until: 'until',
    revoke: 'Withdraw',
    revokedShare: 'withdrawn',
    expiredShare: 'expired',
    status: {
      valid: 'Valid',
      revoked: 'Revoked',
      expired: 'Expired',
      not_yet_valid: 'Not yet valid',
      other: 'Cannot be confirmed',
    },
    linkExpires: 'This page stays open until {time}.',
  },
} as const;

async function walletPage(options: {
  credentials: CredentialService;
  learnerId: string;
  token: string;
  language: PageLanguage;
  created?: { credentialId: string; url: string; svg: string; days: number };
}): Promise<string> {
  const { credentials, language } = options;
  const text = texts[language];
  const records = (await credentials.store.listForLearner(options.learnerId)).filter((record) => record.jwt);
  const shares = await listCredentialShares(
    credentials.pool,
    records.map((record) => record.id),
  );
  const base = `/wallet/${encodeURIComponent(options.token)}`;
  const now = new Date();
  const cards = await Promise.all(
    records.map(async (record) => {
      const verification = await credentials.verify(record.jwt!);
      const status =
        verification.verdict in text.status
          ? text.status[verification.verdict as keyof typeof text.status]
          : text.status.other;
      const id = record.id.replace('urn:uuid:', '');
      const credentialShares = shares.filter((share) => share.credentialId === record.id);
      const created = options.created?.credentialId === record.id ? options.created : undefined;
      return html`<article class="card" data-credential="${record.id}">
  <h2>${record.achievementName} <small class="status" data-verdict="${verification.verdict}">(${status})</small></h2>
  ${verification.credential ? renderCredentialFacts(verification.credential as OpenBadgeCredential, language) : ''}
  <p class="no-print">${text.download}: <a class="button secondary" href="${base}/credentials/${id}.jwt">JWT</a> <a class="button secondary" href="${base}/credentials/${id}.json">JSON</a></p>
  ${created ? html`<div class="share-made"><p>${text.shareMade.replace('{days}', String(created.days))}</p><p><a href="${created.url}" class="share-url">${created.url}</a></p><div class="qr" style="max-width:16rem">${/* the QR code's SVG, drawn by the qrcode library from our own URL */ raw(created.svg)}</div></div>` : ''}
  <form method="post" action="${base}/credentials/${id}/share?lang=${language}" class="no-print">
    <label>${text.days} <select name="days"><option value="1">1 ${text.day}</option><option value="7" selected>7 ${text.dayUnit}</option><option value="30">30 ${text.dayUnit}</option><option value="90">90 ${text.dayUnit}</option></select></label>
    <button type="submit">${text.share}</button>
  </form>
  ${
    credentialShares.length
      ? html`<h3>${text.shares}</h3><ul>${credentialShares.map((share) => {
          const state = share.revokedAt
            ? text.revokedShare
            : share.expiresAt <= now
              ? text.expiredShare
              : html`${text.until} ${formatDate(share.expiresAt.toISOString(), language)}`;
          const live = !share.revokedAt && share.expiresAt > now;
          return html`<li>${state}${live ? html` <form method="post" action="${base}/shares/${share.tokenHash}/revoke?lang=${language}" style="display:inline"><button class="secondary" type="submit">${text.revoke}</button></form>` : ''}</li>`;
        })}</ul>`
      : ''
  }
</article>`;
    }),
  );
  const expires = readWalletToken({ secret: credentials.secret, token: options.token, now });
  const until =
    'expiresAt' in expires
      ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
          timeStyle: 'short',
          timeZone: 'Europe/Oslo',
        }).format(expires.expiresAt)
      : '';
  return renderPublicPage({
    title: text.title,
    language,
    body: html`${languageLinks(base, language)}<h1>${text.title}</h1><p class="muted">${text.linkExpires.replace('{time}', until)}</p>${cards.length ? joinHtml(cards, '\n') : html`<p>${text.empty}</p>`}`,
  });
}
