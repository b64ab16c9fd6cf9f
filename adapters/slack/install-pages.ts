import type { Installation } from '@slack/oauth';

/**
 * The two pages a Slack admin sees at the end of "Add to Slack", in Bokmål and English: done (with a way into
 * Slack), or not done and why. Bolt calls these in place of its own pages.
 */
export function installedPage(installation: Installation, linkedToOrganisation: boolean): string {
  const team = installation.team?.name ?? installation.enterprise?.name ?? 'Slack';
  const open =
    installation.appId && installation.team?.id
      ? `https://slack.com/app_redirect?app=${encodeURIComponent(installation.appId)}&team=${encodeURIComponent(installation.team.id)}`
      : 'https://slack.com/';
  const linked = linkedToOrganisation
    ? '<p>Arbeidsområdet er koblet til organisasjonen din i Veileder. / The workspace is linked to your organisation in Veileder.</p>'
    : '';
  return page(
    'Veileder er lagt til / Veileder was added',
    `<h1>Veileder er lagt til i ${escapeText(team)}</h1><p lang="en">Veileder was added to ${escapeText(team)}.</p>${linked}
<p>Skriv en direktemelding til Veileder, nevn @Veileder i en kanal eller bruk <code>/veileder</code>.</p><p><a class="button" href="${escapeText(open)}">Åpne Slack / Open Slack</a></p>`,
  );
}

export function installFailedPage(reason: 'cancelled' | 'state' | 'other'): string {
  const why = {
    cancelled: ['Installasjonen ble avbrutt i Slack.', 'The installation was cancelled in Slack.'],
    state: [
      'Lenken var utløpt eller allerede brukt, eller den ble åpnet i en annen nettleser.',
      'The link had expired or was already used, or it was opened in another browser.',
    ],
    other: ['Slack godtok ikke installasjonen.', 'Slack did not accept the installation.'],
  }[reason];
  return page(
    'Veileder ble ikke lagt til / Veileder was not added',
    `<h1>Veileder ble ikke lagt til</h1><p>${why[0]}</p><p lang="en">${why[1]}</p><p><a class="button" href="/slack/install">Prøv igjen / Try again</a></p>`,
  );
}

export function badTicketPage(): string {
  return page(
    'Lenken gjelder ikke lenger / The link is no longer valid',
    '<h1>Lenken gjelder ikke lenger</h1><p>Gå tilbake til organisasjonens side og trykk «Legg til i Slack» på nytt.</p><p lang="en">Go back to the organisation\'s page and press "Add to Slack" again.</p>',
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeText(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}.button{display:inline-block;background:#4a154b;color:#fff;padding:.6rem 1rem;border-radius:.3rem;text-decoration:none}</style></head><body>${body}</body></html>`;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
