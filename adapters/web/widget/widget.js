// Veileder's embeddable chat widget: <script src="https://veileder.example/widget.js" data-veileder-lang="nb"></script>
// Plain browser JavaScript, no build step and no dependencies. It draws into a shadow root (the host page's
// CSS cannot break it, and it cannot break the page), talks to POST /api/chat on the origin it was loaded
// from, keeps the session in localStorage, and is usable by keyboard and screen reader (dialog, log with a
// live region, labelled controls) with WCAG 2.1 AA contrast.
(() => {
  const script = document.currentScript;
  if (!script || window.__veilederWidget) return;
  window.__veilederWidget = true;

  const origin = new URL(script.src, location.href).origin;
  const endpoint = script.dataset.veilederEndpoint || `${origin}/api/chat`;
  const startOpen = script.dataset.veilederOpen === 'true';
  let language = ['nb', 'nn', 'en'].includes(script.dataset.veilederLang) ? script.dataset.veilederLang : 'nb';

  const strings = {
    nb: {
      launcher: 'Chat med Veileder',
      title: 'Veileder',
      subtitle: 'Finn kurs og utdanning',
      close: 'Lukk chatten',
      input: 'Skriv en melding',
      placeholder: 'Hva vil du lære?',
      send: 'Send',
      typing: 'Veileder skriver …',
      you: 'Du',
      bot: 'Veileder',
      failed: 'Beklager, jeg fikk ikke svart. Sjekk nettet og prøv igjen.',
      greeting: 'Hei! Fortell meg hva du jobber med og hva du vil lære, så foreslår jeg kurs og utdanning som passer.',
      suggestions: 'Forslag',
      open: 'Åpne',
      moreLike: 'Mer som dette',
      why: 'Hvorfor?',
      useful: 'Nyttig',
      notUseful: 'Ikke for meg',
      rated: 'Takk, vurderingen er sendt.',
      newTab: '(åpnes i ny fane)',
    },
    nn: {
      launcher: 'Chat med Veileder',
      title: 'Veileder',
      subtitle: 'Finn kurs og utdanning',
      close: 'Lukk chatten',
      input: 'Skriv ei melding',
      placeholder: 'Kva vil du lære?',
      send: 'Send',
      typing: 'Veileder skriv …',
      you: 'Du',
      bot: 'Veileder',
      failed: 'Orsak, eg fekk ikkje svart. Sjekk nettet og prøv igjen.',
      greeting: 'Hei! Fortel meg kva du jobbar med og kva du vil lære, så føreslår eg kurs og utdanning som passar.',
      suggestions: 'Forslag',
      open: 'Opne',
      moreLike: 'Meir som dette',
      why: 'Kvifor?',
      useful: 'Nyttig',
      notUseful: 'Ikkje for meg',
      rated: 'Takk, vurderinga er sendt.',
      newTab: '(blir opna i ny fane)',
    },
    en: {
      launcher: 'Chat with Veileder',
      title: 'Veileder',
      subtitle: 'Find courses and education',
      close: 'Close the chat',
      input: 'Write a message',
      placeholder: 'What do you want to learn?',
      send: 'Send',
      typing: 'Veileder is typing …',
      you: 'You',
      bot: 'Veileder',
      failed: 'Sorry, I could not answer. Check your connection and try again.',
      greeting:
        'Hi! Tell me what you work with and what you want to learn, and I will suggest courses and education that fit.',
      suggestions: 'Suggestions',
      open: 'Open',
      moreLike: 'More like this',
      why: 'Why?',
      useful: 'Useful',
      notUseful: 'Not for me',
      rated: 'Thanks, your rating was sent.',
      newTab: '(opens in a new tab)',
    },
  };
  const t = (key) => strings[language][key];

  const storage = {
    get: (key) => {
      try {
        return localStorage.getItem(`veileder:${key}`) || undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, value) => {
      try {
        localStorage.setItem(`veileder:${key}`, value);
      } catch {
        /* private mode: the session lasts the page */
      }
    },
    remove: (key) => {
      try {
        localStorage.removeItem(`veileder:${key}`);
      } catch {
        /* private mode: nothing was kept */
      }
    },
  };
  let sessionId = storage.get('session');

  const css = `
    :host { all: initial; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; }
    * { box-sizing: border-box; }
    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px; padding: 14px 20px;
      background: #00507a; color: #fff; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
    .launcher:hover { background: #003d5c; }
    button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
    .panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: min(400px, calc(100vw - 24px)); height: min(640px, calc(100vh - 40px));
      display: flex; flex-direction: column; background: #fff; border: 1px solid #8a8a8a; border-radius: 12px; overflow: hidden; box-shadow: 0 8px 30px rgba(0,0,0,.3); }
    .panel[hidden], .launcher[hidden] { display: none; }
    header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: #00507a; color: #fff; }
    header h2 { margin: 0; font-size: 1.1em; }
    header p { margin: 0; font-size: .85em; }
    header .close { margin-left: auto; background: transparent; color: #fff; border: 2px solid #fff; border-radius: 6px; font: inherit; padding: 2px 10px; cursor: pointer; }
    .log { flex: 1; overflow-y: auto; padding: 12px; margin: 0; list-style: none; background: #f5f7f8; }
    .message { margin: 0 0 10px; max-width: 92%; padding: 8px 12px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .message.bot { background: #fff; border: 1px solid #c4c4c4; }
    .message.user { margin-left: auto; background: #00507a; color: #fff; }
    .who { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .suggestions { list-style: none; margin: 8px 0 0; padding: 0; }
    .suggestion { border: 1px solid #c4c4c4; border-radius: 8px; padding: 10px; margin-bottom: 8px; background: #fff; white-space: normal; }
    .suggestion h3 { margin: 0 0 4px; font-size: 1em; }
    .suggestion a { color: #00507a; }
    .facts { margin: 0 0 4px; color: #4d4d4d; font-size: .9em; }
    .reason { margin: 0 0 8px; font-style: italic; }
    .buttons { display: flex; flex-wrap: wrap; gap: 6px; }
    .buttons button, .actions button { font: inherit; font-size: .9em; padding: 6px 10px; min-height: 36px; border-radius: 6px; cursor: pointer;
      border: 1px solid #00507a; background: #fff; color: #00507a; }
    .buttons button[aria-pressed="true"] { background: #00507a; color: #fff; }
    .buttons button:disabled { cursor: default; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 10px; }
    .typing { padding: 4px 14px; min-height: 1.6em; color: #4d4d4d; font-size: .9em; background: #f5f7f8; }
    form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #c4c4c4; }
    label.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    input { flex: 1; min-width: 0; font: inherit; padding: 10px; border: 1px solid #767676; border-radius: 6px; color: #1a1a1a; }
    form button { font: inherit; font-weight: 600; padding: 10px 16px; border: 0; border-radius: 6px; background: #00507a; color: #fff; cursor: pointer; }
    form button:disabled { background: #5c7f91; }
    @media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; height: 100dvh; border-radius: 0; border: 0; } }
    @media (prefers-reduced-motion: no-preference) { .typing span { animation: pulse 1.2s infinite; } @keyframes pulse { 50% { opacity: .4; } } }
  `;

  const host = document.createElement('div');
  host.id = 'veileder-widget';
  const root = host.attachShadow({ mode: 'open' });
  const element = (tag, attributes = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) node.append(child);
    return node;
  };

  const launcher = element('button', {
    class: 'launcher',
    type: 'button',
    'aria-expanded': 'false',
    'aria-controls': 'veileder-panel',
    text: t('launcher'),
  });
  const log = element('ol', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    'aria-label': t('title'),
  });
  const typing = element('div', { class: 'typing', role: 'status', 'aria-live': 'polite' });
  const input = element('input', {
    id: 'veileder-input',
    type: 'text',
    autocomplete: 'off',
    maxlength: '2000',
    placeholder: t('placeholder'),
    lang: language,
  });
  const send = element('button', { type: 'submit', text: t('send') });
  const form = element('form', {}, [
    element('label', { class: 'visually-hidden', for: 'veileder-input', text: t('input') }),
    input,
    send,
  ]);
  const close = element('button', { class: 'close', type: 'button', 'aria-label': t('close'), text: '×' });
  const panel = element(
    'section',
    { class: 'panel', id: 'veileder-panel', role: 'dialog', 'aria-label': t('title'), lang: language, hidden: true },
    [
      element('header', {}, [
        element('div', {}, [element('h2', { text: t('title') }), element('p', { text: t('subtitle') })]),
        close,
      ]),
      log,
      typing,
      form,
    ],
  );
  root.append(element('style', { text: css }), launcher, panel);
  document.body.append(host);

  function setOpen(open) {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      if (log.children.length === 0) addMessage('bot', t('greeting'));
      input.focus();
    } else launcher.focus();
  }
  launcher.addEventListener('click', () => setOpen(true));
  close.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });

  function addMessage(who, text) {
    const item = element('li', { class: `message ${who}` }, [
      element('span', { class: 'who', text: `${t(who === 'user' ? 'you' : 'bot')}: ` }),
      text,
    ]);
    log.append(item);
    item.scrollIntoView({ block: 'nearest' });
    return item;
  }

  // The reply's text lists the suggestions too (for text-only channels); beside the cards only the rest is shown.
  function textBeside(reply) {
    if (!reply.suggestions || reply.suggestions.length === 0) return reply.text;
    return reply.text
      .split('\n')
      .filter((line) => !(/^\s*\d+[.)]\s/.test(line) && reply.suggestions.some((s) => line.includes(s.title))))
      .filter((line) => !/^\s{2,}\S/.test(line))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  // The server only sends http(s) links (src/web-url.ts), but this script runs on other people's pages and
  // must not turn whatever comes back into a javascript: or data: link.
  function webUrl(value) {
    if (typeof value !== 'string' || !/^https?:\/\/[^/]/i.test(value)) return undefined;
    try {
      const parsed = new URL(value);
      return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username && !parsed.password
        ? parsed.href
        : undefined;
    } catch {
      return undefined;
    }
  }

  function renderSuggestion(suggestion, index) {
    const facts = [
      suggestion.provider,
      suggestion.price,
      suggestion.place,
      suggestion.workload,
      suggestion.accredited ? `✓ ${suggestion.accredited}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const headingId = `veileder-s-${Date.now()}-${index}`;
    const href = webUrl(suggestion.url);
    const title = href
      ? element('a', { href, target: '_blank', rel: 'noopener noreferrer' }, [
          suggestion.title,
          element('span', { class: 'who', text: ` ${t('newTab')}` }),
        ])
      : suggestion.title;
    const rate = (score, label) => {
      const button = element('button', {
        type: 'button',
        'aria-pressed': 'false',
        'aria-describedby': headingId,
        text: label,
      });
      button.addEventListener('click', async () => {
        for (const other of button.parentElement.querySelectorAll('button[aria-pressed]')) {
          other.disabled = true;
        }
        button.setAttribute('aria-pressed', 'true');
        await ask({ action: { type: 'rate', offeringId: suggestion.offeringId, score } });
      });
      return button;
    };
    const action = (label, type) =>
      element('button', {
        type: 'button',
        'aria-describedby': headingId,
        text: label,
        onclick: () => ask({ action: { type, offeringId: suggestion.offeringId } }),
      });
    return element('li', { class: 'suggestion' }, [
      element('h3', { id: headingId }, [`${index + 1}. `, title]),
      element('p', { class: 'facts', text: facts }),
      element('p', { class: 'reason', text: suggestion.reason }),
      element('div', { class: 'buttons', role: 'group', 'aria-labelledby': headingId }, [
        action(t('moreLike'), 'more_like'),
        action(t('why'), 'why'),
        rate(5, t('useful')),
        rate(1, t('notUseful')),
      ]),
    ]);
  }

  function renderReply(reply) {
    const item = addMessage('bot', textBeside(reply));
    if (reply.suggestions && reply.suggestions.length > 0) {
      item.append(
        element(
          'ol',
          { class: 'suggestions', 'aria-label': t('suggestions') },
          reply.suggestions.map(renderSuggestion),
        ),
      );
    }
    // Buttons every suggestion already carries ("why nr 1", "more like nr 1") are not repeated below them.
    const shown = new Set((reply.suggestions || []).map((suggestion) => suggestion.offeringId));
    const actions = (reply.actions || []).filter(
      (entry) => !(['why', 'more_like'].includes(entry.action.type) && shown.has(entry.action.offeringId)),
    );
    if (actions.length > 0) {
      log.append(
        element(
          'li',
          { class: 'actions' },
          actions.map((entry) =>
            element('button', { type: 'button', text: entry.label, onclick: () => ask({ action: entry.action }) }),
          ),
        ),
      );
    }
    item.scrollIntoView({ block: 'nearest' });
  }

  let busy = false;
  async function ask(body) {
    if (busy) return;
    busy = true;
    send.disabled = true;
    typing.replaceChildren(element('span', { text: t('typing') }));
    try {
      const post = () =>
        fetch(endpoint, {
          method: 'POST',
          // The page's language is a hint; what the learner writes decides (the assistant detects it).
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': language },
          body: JSON.stringify({ ...body, ...(sessionId ? { sessionId } : {}) }),
        });
      let response = await post();
      // A session the server no longer accepts (another key, or one from before session ids were signed): start afresh.
      if (response.status === 401 && sessionId) {
        sessionId = undefined;
        storage.remove('session');
        response = await post();
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const answer = await response.json();
      const reply = answer.reply;
      if (answer.sessionId) {
        sessionId = answer.sessionId;
        storage.set('session', sessionId);
      }
      if (['nb', 'nn', 'en'].includes(reply.language)) language = reply.language;
      renderReply(reply);
    } catch {
      addMessage('bot', t('failed'));
    } finally {
      typing.replaceChildren();
      busy = false;
      send.disabled = false;
      // A pressed rating button is disabled, which drops focus to the page: bring it back into the chat.
      if (!panel.hidden && !root.activeElement) input.focus();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    addMessage('user', text);
    input.value = '';
    void ask({ text });
  });

  if (startOpen) setOpen(true);
})();
