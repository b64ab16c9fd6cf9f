import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Router, type RequestHandler } from 'express';

/**
 * The web chat's static parts: /widget.js (the embeddable script) and /chat (a page hosting it). Both are
 * read once at startup. The widget runs on the portal's origin and calls POST /api/chat here, so that
 * route answers cross-origin requests.
 */
const widgetScript = readFileSync(new URL('./widget.js', import.meta.url), 'utf8');
const widgetEtag = `"${createHash('sha256').update(widgetScript).digest('base64url').slice(0, 16)}"`;
const chatPage = readFileSync(new URL('./chat-page.html', import.meta.url), 'utf8');

export function createWidgetRouter(): Router {
  const router = Router();
  router.get('/widget.js', (request, response) => {
    response.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      ETag: widgetEtag,
      'Access-Control-Allow-Origin': '*',
    });
    if (request.get('if-none-match') === widgetEtag) return void response.status(304).end();
    response.send(widgetScript);
  });
  router.get('/chat', (request, response) => {
    const language = ['nb', 'nn', 'en'].includes(String(request.query.lang)) ? String(request.query.lang) : 'nb';
    response
      .type('html')
      .send(chatPage.replace('__LANG__', language).replace('<html lang="nb">', `<html lang="${language}">`));
  });
  router.use('/api/chat', ((request, response, next) => {
    response.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Content-Type, Accept, Accept-Language',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
    });
    if (request.method === 'OPTIONS') return void response.status(204).end();
    next();
  }) satisfies RequestHandler);
  return router;
}
