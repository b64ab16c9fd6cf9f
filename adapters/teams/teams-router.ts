import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import express, { Router } from 'express';
import { z } from 'zod';
import type { ChannelSettings } from '../configuration.js';
import { invalidRequest, VeilederError } from '../../src/errors.js';
import type { TurnHandler } from '../channels/turn-handler.js';
import type { ChannelIdentityStore } from '../storage/channel-identity-store.js';
import { createTeamsBot } from './teams-bot.js';

/**
 * POST /api/messages for Microsoft Teams through botbuilder's CloudAdapter. With an app id configured every
 * request's Bot Framework token is checked; without one anything is accepted, which is only for the Bot
 * Framework Emulator and tests (config says so at startup).
 *
 * The token is checked here, before the adapter runs the turn, so that its failures are answered by
 * Veileder rather than by CloudAdapter.process, which sends any error's own message to the caller (a fetch
 * error naming the key-metadata host, "invalid signature" with 500): a rejected token is 401, key metadata
 * that cannot be fetched is 503 (the Bot Framework retries; nobody learns why), both with neutral text.
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
          ...(settings.openIdMetadataUrl ? publicCloudWithKeysAt(settings.openIdMetadataUrl) : {}),
        }
      : {},
  );
  const adapter = new CheckedTokenAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    options.log?.('Teams turn failed', error);
    await context.sendActivity('Beklager, noe gikk galt. / Sorry, something went wrong.').catch(() => {});
  };
  const bot = createTeamsBot({
    handleTurn: options.handleTurn,
    identities: options.identities,
    ...(options.log ? { log: options.log } : {}),
  });
  const router = Router();
  router.post('/api/messages', express.json({ limit: '256kb' }), async (request, response) => {
    if (!activitySchema.safeParse(request.body).success)
      throw invalidRequest({ message: 'The body must be a Bot Framework activity: a JSON object with a "type".' });
    const activity = request.body as Activity;
    let authenticated: AuthenticatedRequest;
    try {
      authenticated = await authentication.authenticateRequest(activity, request.get('authorization') ?? '');
    } catch (error) {
      throw translateAuthenticationError(error);
    }
    const invokeResponse = await adapter.runTurn({ authenticated, activity, bot });
    response.status(invokeResponse?.status ?? 200);
    if (invokeResponse?.body === undefined) response.end();
    else response.json(invokeResponse.body);
  });
  return router;
}

const activitySchema = z.object({ type: z.string().min(1) });

/**
 * botbuilder takes its own key-metadata URL only as part of a whole cloud description (given one value, it
 * leaves the others unset and rejects every token). These are the public cloud's values, as in
 * botframework-connector's AuthenticationConstants, with the channel's key metadata moved.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter's own processActivity (protected there) takes a request authenticated beforehand. */
class CheckedTokenAdapter extends CloudAdapter {
  runTurn(turn: {
    authenticated: AuthenticatedRequest;
    activity: Activity;
    bot: (context: TurnContext) => Promise<void>;
  }): Promise<InvokeResponse | undefined> {
    return this.processActivity(turn.authenticated, turn.activity, turn.bot);
  }
}

// botbuilder's AuthenticationError carries the status it means (401 for a token it rejects, 500 when the key
// metadata answered with an error); jsonwebtoken's own errors (a bad signature, an expired token) reach us
// unwrapped. Anything else — a network failure fetching the keys — is the key service being unreachable.
const rejectedTokenErrors = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function translateAuthenticationError(error: unknown): VeilederError {
  const { name, statusCode } = (error ?? {}) as { name?: unknown; statusCode?: unknown };
  if (statusCode === 401 || (typeof name === 'string' && rejectedTokenErrors.has(name))) {
    return new VeilederError({
      code: 'unauthenticated',
      message: `Teams: Bot Framework token rejected: ${String((error as Error)?.message ?? error)}`,
      userMessage: 'A valid Bot Framework token is required.',
      cause: error,
    });
  }
  return new VeilederError({
    code: 'identity_provider_unavailable',
    message: `Teams: the Bot Framework signing keys could not be fetched: ${String((error as Error)?.message ?? error)}`,
    cause: error,
  });
}
