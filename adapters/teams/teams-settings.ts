import { optionalChoice, optionalFlag, optionalText, optionalUrl } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

/**
 * Microsoft Teams at POST /api/messages. On when MicrosoftAppId is set (then every request must carry a valid
 * Bot Framework token), or with VEILEDER_TEAMS=true and no app id: unauthenticated, for the Bot Framework
 * Emulator and local tests only. Names follow botbuilder's own documentation.
 */
export const teamsSettings = settingsSection(
  {
    MicrosoftAppId: optionalText.describe("the Azure bot registration's app id; set = Teams on, authenticated"),
    MicrosoftAppPassword: optionalText.describe("the client secret of the bot's app registration"),
    MicrosoftAppTenantId: optionalText.describe('the directory (tenant) id, for a SingleTenant bot'),
    MicrosoftAppType: optionalChoice(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).describe(
      'MultiTenant, SingleTenant or UserAssignedMSI; unset = SingleTenant with a tenant id, else MultiTenant',
    ),
    // Set for a sovereign cloud, or to a test's stand-in.
    BotOpenIdMetadata: optionalUrl(
      'must be the URL of the Bot Framework OpenID metadata document, e.g. https://login.botframework.com/v1/.well-known/openidconfiguration',
    ).describe("where the Bot Framework's token signing keys are published; unset = the public cloud's"),
    VEILEDER_TEAMS: optionalFlag().describe(
      'true with no MicrosoftAppId = Teams unauthenticated, for the Bot Framework Emulator and local tests only',
    ),
  },
  (env, problem) => {
    if (env.MicrosoftAppId === undefined && (env.MicrosoftAppPassword || env.MicrosoftAppTenantId)) {
      problem(
        'MicrosoftAppId',
        'is missing while MicrosoftAppPassword or MicrosoftAppTenantId is set — set all of them from the Azure bot registration',
      );
    }
    const appType = env.MicrosoftAppType ?? (env.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant');
    if (env.MicrosoftAppId && appType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      problem(
        'MicrosoftAppPassword',
        "is required with MicrosoftAppId — the client secret of the bot's app registration",
      );
    }
    if (env.MicrosoftAppId && appType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      problem(
        'MicrosoftAppTenantId',
        'is required for a SingleTenant bot — the directory (tenant) id of the app registration',
      );
    }
    return {
      enabled: env.VEILEDER_TEAMS ?? env.MicrosoftAppId !== undefined,
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      tenantId: env.MicrosoftAppTenantId,
      appType,
      /** The OpenID metadata document listing the keys that sign Bot Framework tokens; undefined = botbuilder's default. */
      openIdMetadataUrl: env.BotOpenIdMetadata,
    };
  },
);
