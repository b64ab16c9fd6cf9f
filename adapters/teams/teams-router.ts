import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { Router } from 'express';
import type { ChannelSettings } from '../../src/config.js';
import type { TurnHandler } from '../channels/turn-handler.js';
import type { ChannelIdentityStore } from '../storage/channel-identity-store.js';
import { createTeamsBot } from './teams-bot.js';

/**
 * POST /api/messages for Microsoft Teams through botbuilder's CloudAdapter. With an app id configured the
 * adapter checks every request's Bot Framework token (401 without a valid one); without one it accepts
 * anything, which is only for the Bot Framework Emulator and tests (config says so at startup).
 */
export function createTeamsRouter(options: {
  settings: ChannelSettings['teams'];
  handleTurn: TurnHandler;
  identities: ChannelIdentityStore;
  log?: (message: string, error?: unknown) => void;
}): Router {
  const { settings } = options;
  const authentication = new ConfigurationBotFrameworkAuthentication(
    settings.appId
      ? {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppTenantId: settings.tenantId,
          MicrosoftAppType: settings.appType,
        }
      : {},
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    options.log?.('Teams turn failed', error);
    await context.sendActivity('Beklager, noe gikk galt. / Sorry, something went wrong.').catch(() => {});
  };
  const bot = createTeamsBot({ handleTurn: options.handleTurn, identities: options.identities, ...(options.log ? { log: options.log } : {}) });
  const router = Router();
  router.post('/api/messages', express.json({ limit: '256kb' }), async (request, response) => {
    await adapter.process(request, response, bot);
  });
  return router;
}
