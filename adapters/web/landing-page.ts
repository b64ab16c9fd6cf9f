import { html, joinHtml } from './html.js';

/** The page at `/`: what this Veileder serves, until the web chat (its own issue) takes the spot. */
export function renderLandingPage(options: {
  routes: { path: string; summary: string }[];
  database: 'server' | 'embedded';
  addToSlack?: boolean;
}): string {
  const items = joinHtml(
    options.routes.map((route) => {
      const link = route.path.includes(':')
        ? html`<code>${route.path}</code>`
        : html`<a href="${route.path}"><code>${route.path}</code></a>`;
      return html`<li>${link} — ${route.summary}</li>`;
    }),
    '\n      ',
  );
  return html`<!doctype html>
<html lang="nb">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Veileder</title>
    <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}.add-to-slack{display:inline-block;background:#4a154b;color:#fff;padding:.5rem 1rem;border-radius:.3rem;text-decoration:none;font-weight:600}</style>
  </head>
  <body>
    <h1>Veileder</h1>
    <p>An open guidance assistant for Læringsportalen: it helps you find the course or competence offering to learn next.
       The catalogue is open data.</p>
    ${options.addToSlack ? html`<p><a class="add-to-slack" href="/slack/install">Legg til i Slack / Add to Slack</a> — Veileder i din bedrifts Slack: en Slack-administrator godkjenner. / Veileder in your company's Slack: a Slack admin approves.</p>` : ''}
    <h2>Served here</h2>
    <ul>
      ${items}
    </ul>
    <p><small>Database: ${options.database === 'embedded' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}.</small></p>
  </body>
</html>
`.toString();
}
