import { flag, optionalSecret } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/**
 * The portal widget (/widget.js, /chat) and POST /api/chat. Session ids are signed with VEILEDER_SESSION_SECRET,
 * or with a key generated once into the database when it is unset.
 */
export const webChatSettings = settingsSection(
  {
    VEILEDER_WEB_CHAT: flag(true).describe('the widget (/widget.js, /chat) and POST /api/chat'),
    VEILEDER_SESSION_SECRET: optionalSecret(
      32,
      'must be at least 32 characters (e.g. openssl rand -base64 32); it signs web chat session ids',
    ).describe('signs web chat session ids; unset = a key generated once and kept in the database'),
  },
  (env) => ({ enabled: env.VEILEDER_WEB_CHAT, sessionSecret: env.VEILEDER_SESSION_SECRET }),
);
