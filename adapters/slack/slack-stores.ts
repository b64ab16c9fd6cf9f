import type { StateStore } from '@slack/oauth';
import type pg from 'pg';
import { createSlackDeliveryStore, type SlackDeliveryStore } from '../storage/slack-delivery-store.js';
import { createSlackInstallStateStore, type InstallOrigin } from '../storage/slack-install-state-store.js';
import type { SlackInstallationStore } from '../storage/slack-installation-store.js';
import type { Logger } from '../logging.js';
import { readInstallTicket } from './install-ticket.js';
import { openSlackInstallations } from './slack-installations.js';
import type { SlackSettings } from './slack-settings.js';

/** What the Slack router keeps in PostgreSQL, opened once by the composition root. */
export type SlackStores = {
  /** The installed workspaces; only in any-workspace mode. */
  installations: SlackInstallationStore | undefined;
  /** Where requests already taken are remembered, shared by every server process. */
  deliveries: SlackDeliveryStore;
  /** Bolt's install state, naming the organisation an install begun on its page is for. */
  installStates(origin: () => InstallOrigin | undefined): StateStore;
  /** The organisation (and adviser) behind an "Add to Slack" link's ticket, if it is genuine and fresh. */
  readInstallTicket(ticket: string): Promise<InstallOrigin | undefined>;
};

export function openSlackStores(options: {
  pool: pg.Pool;
  databaseKind: 'server' | 'embedded';
  settings: SlackSettings & { enabled: true };
  log: Logger;
}): SlackStores {
  const { pool, settings } = options;
  return {
    installations:
      settings.mode === 'any-workspace'
        ? openSlackInstallations({ pool, databaseKind: options.databaseKind, settings, log: options.log })
        : undefined,
    deliveries: createSlackDeliveryStore({ pool }),
    installStates: (origin) => createSlackInstallStateStore({ pool, origin }),
    readInstallTicket: (ticket) => readInstallTicket({ pool, ticket }),
  };
}
