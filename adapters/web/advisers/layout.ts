import { html, joinHtml, type SafeHtml } from '../html.js';
import type { WorkspaceAdviser, WorkspaceLanguage } from './section.js';
import { workspaceSections } from './sections.js';
import { workspaceTexts } from './texts.js';

/**
 * The workspace's one layout: a skip link, a header with the navigation (the sections this adviser's role
 * may open), the page, and a sign-out button. Colours and type follow the web chat (adapters/web/widget).
 * Scripts are external files only (`scripts`: URLs); the Content-Security-Policy allows them through the
 * per-response nonce.
 */

export type RenderWorkspacePageOptions = {
  title: string;
  adviser: WorkspaceAdviser;
  csrfToken: string;
  /** The section path shown as current in the navigation ('' = the review queue). */
  active: string;
  /** The page's HTML, written with the html tag (../html.ts), which escapes every value. */
  body: SafeHtml;
  /** Script URLs (same origin), loaded deferred after the page. */
  scripts?: string[];
  /** response.locals.cspNonce; without it the scripts are blocked by the Content-Security-Policy. */
  nonce?: string;
  /** Default: the adviser's language. */
  language?: WorkspaceLanguage;
};

export function renderWorkspacePage(options: RenderWorkspacePageOptions): string {
  const language = options.language ?? options.adviser.language;
  const texts = workspaceTexts(language);
  const links = workspaceSections
    .filter(
      (section) =>
        section.inNavigation !== false &&
        (options.adviser.role === 'admin' || section.role === 'any' || section.role === options.adviser.role),
    )
    .map((section) => {
      const current = section.path === options.active;
      return html`<li><a href="/advisers${section.path}"${current && html` aria-current="page"`}>${section.label[language]}</a></li>`;
    });
  const header = html`<header class="top">
  <a class="brand" href="/advisers">Veileder</a>
  <nav aria-label="${texts.navigation}"><ul>${links}</ul></nav>
  <div class="who">
    <span>${texts.signedInAs} <a href="/advisers/account"${options.active === '/account' ? html` aria-current="page"` : ''} title="${texts.myAccount}"><strong>${options.adviser.name ?? options.adviser.email}</strong></a> (${texts.roles[options.adviser.role]})</span>
    <a href="?lang=${texts.otherLanguageCode}" lang="${texts.otherLanguageCode}" hreflang="${texts.otherLanguageCode}">${texts.otherLanguage}</a>
    <form method="post" action="/advisers/sign-out"><input type="hidden" name="_csrf" value="${options.csrfToken}"><button type="submit" class="secondary">${texts.signOut}</button></form>
  </div>
</header>`;
  return renderDocument({
    title: options.title,
    language,
    header,
    body: options.body,
    scripts: options.scripts,
    nonce: options.nonce,
    csrfToken: options.csrfToken,
  });
}

/** A page outside the signed-in layout (sign-in, errors before sign-in). */
export function renderPlainPage(options: { title: string; language: WorkspaceLanguage; body: SafeHtml }): string {
  const texts = workspaceTexts(options.language);
  const header = html`<header class="top"><span class="brand">Veileder</span><div class="who"><a href="?lang=${texts.otherLanguageCode}" lang="${texts.otherLanguageCode}" hreflang="${texts.otherLanguageCode}">${texts.otherLanguage}</a></div></header>`;
  return renderDocument({ title: options.title, language: options.language, header, body: options.body });
}

function renderDocument(options: {
  title: string;
  language: WorkspaceLanguage;
  header: SafeHtml;
  body: SafeHtml;
  scripts?: string[] | undefined;
  nonce?: string | undefined;
  csrfToken?: string;
}): string {
  const texts = workspaceTexts(options.language);
  const scripts = joinHtml(
    (options.scripts ?? []).map(
      (src) => html`<script src="${src}" defer${options.nonce ? html` nonce="${options.nonce}"` : ''}></script>`,
    ),
    '\n',
  );
  // The document goes to response.send, which needs a string (a fragment object would be sent as JSON).
  return html`<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.csrfToken ? html`<meta name="csrf-token" content="${options.csrfToken}">` : ''}
<title>${options.title} – ${texts.workspace}</title>
<link rel="stylesheet" href="/advisers/assets/workspace.css">
</head>
<body>
<a class="skip" href="#main">${texts.skipToContent}</a>
${options.header}
<main id="main" tabindex="-1">
${options.body}
</main>
${scripts}
</body>
</html>`.toString();
}
