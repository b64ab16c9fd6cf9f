import { Router } from 'express';
import { openSlackInstallations } from '../../slack/slack-installations.js';
import { createSlackRouter } from '../../slack/slack-router.js';
import { createChannelIdentityStore } from '../../storage/channel-identity-store.js';
import { createSlackDeliveryStore } from '../../storage/slack-delivery-store.js';
import { createTeamsRouter } from '../../teams/teams-router.js';
import { createDirectLineRouter } from '../direct-line/direct-line-router.js';
import { createWidgetRouter } from '../widget/widget-router.js';
import type { RouteModule } from './route-module.js';

/** Every chat channel that its configuration switches on, each a thin adapter onto the same handleTurn. */
export const channelRoutes: RouteModule = {
  describe: [
    { path: '/chat', summary: 'web chat demo page hosting the embeddable widget (/widget.js)' },
    { path: '/v3/directline', summary: 'Bot Framework Direct Line 3.0-compatible endpoints for Web Chat' },
    { path: '/api/messages', summary: 'Microsoft Teams (Bot Framework), when configured' },
    { path: '/slack/events', summary: 'Slack events, /veileder command and buttons, when configured' },
    {
      path: '/slack/install',
      summary: '"Add to Slack": installs Veileder in any Slack workspace, when configured for it',
    },
  ],
  router({ database, log, handleTurn, channels, publicUrl, inFlight }) {
    const router = Router();
    if (!handleTurn || !channels) return router;
    const identities = createChannelIdentityStore({ pool: database.pool });
    const logError = (message: string, error?: unknown) =>
      log.error(message, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    if (channels.web.enabled) router.use(createWidgetRouter());
    if (channels.directLine.enabled)
      router.use(
        createDirectLineRouter({
          secret: channels.directLine.secret,
          limits: channels.directLine.limits,
          pool: database.pool,
          handleTurn,
          inFlight,
          log: logError,
        }),
      );
    if (channels.teams.enabled)
      router.use(createTeamsRouter({ settings: channels.teams, handleTurn, identities, log: logError }));
    if (channels.slack.enabled) {
      const installations =
        channels.slack.mode === 'any-workspace'
          ? openSlackInstallations({ pool: database.pool, databaseKind: database.kind, settings: channels.slack, log })
          : undefined;
      router.use(
        createSlackRouter({
          settings: channels.slack,
          installations,
          pool: database.pool,
          publicUrl,
          handleTurn,
          identities,
          deliveries: createSlackDeliveryStore({ pool: database.pool }),
          log: logError,
          inFlight,
        }),
      );
    }
    return router;
  },
};
