/** Small helpers for the workspace's server-rendered HTML (pages are written with the html tag of ../html.ts). */
import { html, type SafeHtml } from '../html.js';

/** The hidden form field every state-changing form carries (verifyCsrf reads it). */
export function csrfField(csrfToken: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken}">`;
}

export function formatDateTime(date: Date, language: 'nb' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nb-NO', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  }).format(date);
}
