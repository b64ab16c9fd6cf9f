import { Router } from 'express';
import { languageLinks, pageLanguage, renderPublicPage, type PageLanguage } from '../credentials/credential-html.js';
import { publicPageHeaders } from '../credentials/public-page-headers.js';
import { html, joinHtml } from '../html.js';
import { privacyPage, termsPage, type LegalPage } from '../legal/legal-texts.js';
import type { RouteModule } from './route-module.js';

/**
 * The privacy statement and terms of use at the addresses the Teams manifest names (developer.privacyUrl
 * and termsOfUseUrl must answer, or the app fails Teams' validation). Bokmål by default; nn and en with
 * ?lang=, or by the browser's Accept-Language when no ?lang is given.
 */
export const legalRoutes: RouteModule = {
  describe: [
    {
      path: '/personvern',
      summary:
        'privacy statement: what Veileder stores, why, for how long, and how to export or delete it (nb, nn, en)',
    },
    { path: '/vilkar', summary: 'terms of use (nb, nn, en)' },
  ],
  router(context) {
    const router = Router();
    router.use(['/personvern', '/vilkar'], publicPageHeaders);
    router.get('/personvern', (request, response) => {
      const language = languageOf(request.query.lang, request.acceptsLanguages('nb', 'nn', 'no', 'en'));
      response
        .type('html')
        .send(
          render(privacyPage({ language, retentionDays: context.settings.retentionDays }), language, '/personvern'),
        );
    });
    router.get('/vilkar', (request, response) => {
      const language = languageOf(request.query.lang, request.acceptsLanguages('nb', 'nn', 'no', 'en'));
      response.type('html').send(render(termsPage({ language }), language, '/vilkar'));
    });
    return router;
  },
};

function languageOf(query: unknown, accepted: string | false): PageLanguage {
  if (typeof query === 'string') return pageLanguage(query);
  return accepted === 'en' || accepted === 'nn' ? accepted : 'nb';
}

function render(page: LegalPage, language: PageLanguage, path: string): string {
  const sections = joinHtml(
    page.sections.map(
      (section) =>
        html`<h2>${section.heading}</h2>\n${joinHtml(
          section.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`),
          '\n',
        )}`,
    ),
    '\n',
  );
  return renderPublicPage({
    title: page.title,
    language,
    body: html`${languageLinks(path, language)}\n<h1>${page.title}</h1>\n<p>${page.intro}</p>\n${sections}`,
  });
}
