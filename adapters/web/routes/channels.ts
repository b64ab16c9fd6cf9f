import { Router } from 'express';
import { createSlackRouter } from '../../slack/slack-router.js';
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
  router({ log, assistant, settings, stores, inFlight }) {
    const { handleTurn } = assistant;
    const { channels, publicUrl } = settings;
    const router = Router();
    const channelStores = stores.channels;
    if (!handleTurn || !channels || !channelStores) return router;
    const { identities } = channelStores;
    const logError = (message: string, error?: unknown) =>
      log.error(message, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    if (channels.web.enabled) router.use(createWidgetRouter());
    if (channels.directLine.enabled)
      router.use(
        createDirectLineRouter({
          secret: channels.directLine.secret,
          limits: channels.directLine.limits,
          conversations: channelStores.directLine.conversations,
          tokenKey: channelStores.directLine.tokenKey,
          rateLimiter: stores.rateLimiter,
          handleTurn,
          inFlight,
          log: logError,
        }),
      );
    if (channels.teams.enabled)
      router.use(createTeamsRouter({ settings: channels.teams, handleTurn, identities, log: logError }));
    if (channels.slack.enabled && channelStores.slack) {
      router.use(
        createSlackRouter({
          settings: channels.slack,
          stores: channelStores.slack,
          publicUrl,
          handleTurn,
          identities,
          log: logError,
          inFlight,
        }),
      );
    }
    return router;
  },
};
