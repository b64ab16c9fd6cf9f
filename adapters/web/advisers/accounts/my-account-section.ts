import { Router, type Response } from 'express';
import { z } from 'zod';
import { createAdviserSessionStore } from '../../../storage/adviser-session-store.js';
import { createAdviserStore } from '../../../storage/adviser-store.js';
import { html } from '../../html.js';
import { csrfField } from '../html.js';
import { hashPassword, minimumPasswordLength, passwordProblem, verifyPassword } from '../passwords.js';
import type { WorkspaceSection } from '../section.js';

/**
 * /advisers/account: every adviser's own page — the workspace language, and a new password (the current one
 * first; the adviser's other sessions end). Accounts that sign in only through OpenID Connect have no password here.
 */

const texts = {
  nb: {
    title: 'Min konto',
    language: 'Språk i arbeidsflaten',
    save: 'Lagre',
    passwordTitle: 'Bytt passord',
    current: 'Nåværende passord',
    fresh: `Nytt passord (minst ${minimumPasswordLength} tegn)`,
    repeat: 'Gjenta nytt passord',
    change: 'Bytt passord',
    changed: 'Passordet er byttet. Andre økter er logget ut.',
    wrongCurrent: 'Nåværende passord er feil.',
    mismatch: 'De to nye passordene er ikke like.',
    tooShort: `Det nye passordet må ha minst ${minimumPasswordLength} tegn.`,
    oidcOnly: 'Du logger inn via identitetsleverandøren og har ikke passord her.',
    languageSaved: 'Språket er lagret.',
    email: 'E-post',
    role: 'Rolle',
    roles: { adviser: 'veileder', admin: 'administrator', provider: 'tilbyder' },
  },
  en: {
    title: 'My account',
    language: 'Workspace language',
    save: 'Save',
    passwordTitle: 'Change password',
    current: 'Current password',
    fresh: `New password (at least ${minimumPasswordLength} characters)`,
    repeat: 'Repeat the new password',
    change: 'Change password',
    changed: 'Your password is changed. Other sessions are signed out.',
    wrongCurrent: 'The current password is wrong.',
    mismatch: 'The two new passwords differ.',
    tooShort: `The new password needs at least ${minimumPasswordLength} characters.`,
    oidcOnly: 'You sign in through the identity provider and have no password here.',
    languageSaved: 'The language is saved.',
    email: 'Email',
    role: 'Role',
    roles: { adviser: 'adviser', admin: 'administrator', provider: 'provider' },
  },
};

const passwordSchema = z.object({
  current: z.string().max(1000),
  fresh: z.string().max(1000),
  repeat: z.string().max(1000),
  _csrf: z.string().optional(),
});
const languageSchema = z.object({ language: z.enum(['nb', 'en']), _csrf: z.string().optional() });

export const myAccountSection: WorkspaceSection = {
  path: '/account',
  label: { nb: 'Min konto', en: 'My account' },
  // Every account, provider accounts too, sets its own language and password here.
  role: 'any',
  inNavigation: false,
  router(context, { adviser: adviserOf, page, audit }) {
    const pool = context.database.pool;
    const advisers = createAdviserStore({ pool });
    const sessions = createAdviserSessionStore({ pool });
    const router = Router();

    const render = async (response: Response, message?: { kind: 'success' | 'error'; text: string }, status = 200) => {
      const adviser = adviserOf(response);
      const words = texts[adviser.language];
      const account = await advisers.findById(adviser.id);
      const notice = message
        ? html`<p class="message ${message.kind}" role="${message.kind === 'error' ? 'alert' : 'status'}">${message.text}</p>`
        : '';
      const password = account?.passwordHash
        ? html`<form class="card" method="post" action="/advisers/account/password"><h2>${words.passwordTitle}</h2>${csrfField(response.locals.csrfToken)}
<input type="text" name="username" autocomplete="username" value="${adviser.email}" hidden>
<label for="current">${words.current}</label><input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="fresh">${words.fresh}</label><input id="fresh" name="fresh" type="password" autocomplete="new-password" minlength="${minimumPasswordLength}" required>
<label for="repeat">${words.repeat}</label><input id="repeat" name="repeat" type="password" autocomplete="new-password" minlength="${minimumPasswordLength}" required>
<p><button type="submit">${words.change}</button></p></form>`
        : html`<p class="card">${words.oidcOnly}</p>`;
      const body = html`<h1>${words.title}</h1>${notice}
<dl class="card"><dt>${words.email}</dt><dd>${adviser.email}</dd><dt>${words.role}</dt><dd>${words.roles[adviser.role]}</dd></dl>
<form class="card" method="post" action="/advisers/account/language">${csrfField(response.locals.csrfToken)}
<label for="language">${words.language}</label><select id="language" name="language"><option value="nb"${adviser.language === 'nb' ? ' selected' : ''}>Norsk (bokmål)</option><option value="en"${adviser.language === 'en' ? ' selected' : ''}>English</option></select>
<p><button type="submit" class="secondary">${words.save}</button></p></form>
${password}`;
      page(response, { title: words.title, body, status });
    };

    router.get('/', (_request, response) => render(response));

    router.post('/language', async (request, response) => {
      const adviser = adviserOf(response);
      const { language } = languageSchema.parse(request.body ?? {});
      await advisers.update({ id: adviser.id, locale: language });
      response.locals.adviser = { ...adviser, language };
      await render(response, { kind: 'success', text: texts[language].languageSaved });
    });

    router.post('/password', async (request, response) => {
      const adviser = adviserOf(response);
      const words = texts[adviser.language];
      const form = passwordSchema.parse(request.body ?? {});
      const account = await advisers.findById(adviser.id);
      if (
        !account?.passwordHash ||
        !(await verifyPassword({ passwordHash: account.passwordHash, password: form.current }))
      ) {
        await audit(response, {
          action: 'adviser.password_change_refused',
          subjectType: 'adviser',
          subjectId: adviser.id,
        });
        return render(response, { kind: 'error', text: words.wrongCurrent }, 400);
      }
      if (passwordProblem(form.fresh)) return render(response, { kind: 'error', text: words.tooShort }, 400);
      if (form.fresh !== form.repeat) return render(response, { kind: 'error', text: words.mismatch }, 400);
      await advisers.setPassword({ id: adviser.id, passwordHash: await hashPassword(form.fresh) });
      await sessions.removeOthers({ adviserId: adviser.id, keepToken: response.locals.sessionToken });
      await audit(response, {
        action: 'adviser.password_changed',
        subjectType: 'adviser',
        subjectId: adviser.id,
      });
      await render(response, { kind: 'success', text: words.changed });
    });

    return router;
  },
};
