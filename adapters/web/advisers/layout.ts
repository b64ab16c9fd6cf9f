import { escapeHtml } from './html.js';
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
  /** The page's HTML; escape every value with escapeHtml. */
  body: string;
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
      return `<li><a href="/advisers${escapeHtml(section.path)}"${current ? ' aria-current="page"' : ''}>${escapeHtml(section.label[language])}</a></li>`;
    })
    .join('');
  const header = `<header class="top">
  <a class="brand" href="/advisers">Veileder</a>
  <nav aria-label="${escapeHtml(texts.navigation)}"><ul>${links}</ul></nav>
  <div class="who">
    <span>${escapeHtml(texts.signedInAs)} <a href="/advisers/account"${options.active === '/account' ? ' aria-current="page"' : ''} title="${escapeHtml(texts.myAccount)}"><strong>${escapeHtml(options.adviser.name ?? options.adviser.email)}</strong></a> (${escapeHtml(texts.roles[options.adviser.role])})</span>
    <a href="?lang=${texts.otherLanguageCode}" lang="${texts.otherLanguageCode}" hreflang="${texts.otherLanguageCode}">${escapeHtml(texts.otherLanguage)}</a>
    <form method="post" action="/advisers/sign-out"><input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}"><button type="submit" class="secondary">${escapeHtml(texts.signOut)}</button></form>
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
export function renderPlainPage(options: { title: string; language: WorkspaceLanguage; body: string }): string {
  const texts = workspaceTexts(options.language);
  const header = `<header class="top"><span class="brand">Veileder</span><div class="who"><a href="?lang=${texts.otherLanguageCode}" lang="${texts.otherLanguageCode}" hreflang="${texts.otherLanguageCode}">${escapeHtml(texts.otherLanguage)}</a></div></header>`;
  return renderDocument({ title: options.title, language: options.language, header, body: options.body });
}

function renderDocument(options: {
  title: string;
  language: WorkspaceLanguage;
  header: string;
  body: string;
  scripts?: string[] | undefined;
  nonce?: string | undefined;
  csrfToken?: string;
}): string {
  const texts = workspaceTexts(options.language);
  const scripts = (options.scripts ?? [])
    .map(
      (src) =>
        `<script src="${escapeHtml(src)}" defer${options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : ''}></script>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.csrfToken ? `<meta name="csrf-token" content="${escapeHtml(options.csrfToken)}">` : ''}
<title>${escapeHtml(options.title)} – ${escapeHtml(texts.workspace)}</title>
<link rel="stylesheet" href="/advisers/assets/workspace.css">
</head>
<body>
<a class="skip" href="#main">${escapeHtml(texts.skipToContent)}</a>
${options.header}
<main id="main" tabindex="-1">
${options.body}
</main>
${scripts}
</body>
</html>`;
}
