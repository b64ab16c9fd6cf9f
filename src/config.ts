import { isIP } from 'node:net';
import { z } from 'zod';

// Configuration is read from the environment once, at startup, and nowhere else.
// An empty variable counts as unset, so `FOO=` in a .env file never means "the empty string".

const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().optional());

const flag = (fallback: boolean) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : value),
    z.union([
      z.boolean(),
      z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((text) => ['true', '1', 'yes'].includes(text)),
    ]),
  );

const positiveWholeNumber = (fallback: number, message: string) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : value),
    z.coerce.number({ error: message }).int(message).positive(message),
  );

const environmentSchema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(
          /^postgres(ql)?:\/\//,
          'must be a PostgreSQL URL such as postgresql://user@127.0.0.1:5432/veileder — or leave it unset to use the embedded database',
        )
        .optional(),
    ),
    PORT: z.preprocess(
      (value) => (value === '' || value === undefined ? 3000 : value),
      z.coerce.number({ error: 'must be a port number between 0 and 65535' }).int().min(0).max(65535),
    ),
    HOST: optionalText.default('0.0.0.0'),
    VEILEDER_DATA_DIR: optionalText.default('.veileder'),
    VEILEDER_DEMO_CATALOGUE: flag(true),
    VEILEDER_LOG_LEVEL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.enum(['silent', 'error', 'info', 'debug']).default('info'),
    ),
    OPENAI_BASE_URL: optionalText.pipe(
      z.string().url('must be the base URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1').optional(),
    ),
    OPENAI_API_KEY: optionalText,
    VEILEDER_CHAT_MODEL: optionalText,
    VEILEDER_EMBEDDING_MODEL: optionalText,
    VEILEDER_CHAT_TIMEOUT_MS: z.preprocess(
      (value) => (value === '' || value === undefined ? 20_000 : value),
      z.coerce.number({ error: 'must be a number of milliseconds' }).int().positive(),
    ),
    VEILEDER_CHAT_MAX_RETRIES: z.preprocess(
      (value) => (value === '' || value === undefined ? 2 : value),
      z.coerce.number({ error: 'must be a whole number of retries' }).int().min(0).max(10),
    ),
    VEILEDER_CHAT_STRUCTURED_METHOD: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.enum(['functionCalling', 'jsonSchema', 'jsonMode']).default('functionCalling'),
    ),
    VEILEDER_CHAT_PROMPT_USD_PER_MILLION: z.preprocess(
      (value) => (value === '' || value === undefined ? 0 : value),
      z.coerce.number({ error: 'must be a price in USD per million prompt tokens' }).nonnegative(),
    ),
    VEILEDER_CHAT_COMPLETION_USD_PER_MILLION: z.preprocess(
      (value) => (value === '' || value === undefined ? 0 : value),
      z.coerce.number({ error: 'must be a price in USD per million completion tokens' }).nonnegative(),
    ),
    // Feed prices in US dollars are stored in NOK at this rate. Default 10.75: Norges Bank's average
    // USD/NOK rate for 2024, rounded; set it when a fresher rate matters.
    VEILEDER_USD_TO_NOK: z.preprocess(
      (value) => (value === '' || value === undefined ? 10.75 : value),
      z.coerce
        .number({ error: 'must be a number of NOK per US dollar, e.g. 10.75' })
        .positive('must be a positive number of NOK per US dollar, e.g. 10.75'),
    ),
    // How often a server on the embedded database checks whether the catalogue changed under it (a PostgreSQL
    // server tells it at once through LISTEN/NOTIFY and needs no polling).
    VEILEDER_CATALOGUE_CHECK_SECONDS: z.preprocess(
      (value) => (value === '' || value === undefined ? 30 : value),
      z.coerce.number({ error: 'must be a number of seconds' }).positive(),
    ),
    // Channels (adapters/teams, adapters/slack, adapters/web). Names follow each vendor's own documentation.
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
          error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
        })
        .optional(),
    ),
    // Where the Bot Framework's token signing keys are published (botbuilder's own setting name); unset = the
    // public cloud's. Set for a sovereign cloud, or to a test's stand-in.
    BotOpenIdMetadata: optionalText.pipe(
      z
        .string()
        .url(
          'must be the URL of the Bot Framework OpenID metadata document, e.g. https://login.botframework.com/v1/.well-known/openidconfiguration',
        )
        .optional(),
    ),
    VEILEDER_TEAMS: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .enum(['true', 'false', '1', '0', 'yes', 'no'])
        .transform((text) => ['true', '1', 'yes'].includes(text))
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText,
    // Any workspace installs through "Add to Slack" (OAuth v2) when the app's client id and secret are set.
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_API_URL: optionalText.pipe(
      z.string().url('must be the base URL of the Slack Web API, e.g. https://slack.com/api/').optional(),
    ),
    VEILEDER_WEB_CHAT: flag(true),
    VEILEDER_SESSION_SECRET: optionalText.pipe(
      z
        .string()
        .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32); it signs web chat session ids')
        .optional(),
    ),
    VEILEDER_DIRECT_LINE: flag(true),
    VEILEDER_DIRECT_LINE_SECRET: optionalText.pipe(
      z.string().min(16, 'must be at least 16 characters (it guards token generation)').optional(),
    ),
    // Who may show Veileder's pages (/, /chat) in a frame: the portal's own origins, as CSP frame-ancestors.
    VEILEDER_FRAME_ANCESTORS: optionalText.pipe(
      z
        .string()
        .transform((text) => text.split(/[\s,]+/).filter((item) => item !== ''))
        .pipe(
          z
            .array(
              z
                .string()
                .regex(
                  /^('self'|'none'|https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?)$/i,
                  "must list the origins allowed to frame Veileder's pages, e.g. 'self' https://portal.example.no (scheme and host, no path)",
                ),
            )
            .refine((sources) => !sources.includes("'none'") || sources.length === 1, "'none' must stand alone"),
        )
        .optional(),
    ),
    // Direct Line limits (issue 15): what one client may start, post and keep, so none can crowd out the rest.
    VEILEDER_DIRECT_LINE_STARTS_PER_MINUTE: positiveWholeNumber(
      10,
      'must be a whole number of conversations a client may start per minute, e.g. 10',
    ),
    VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE: positiveWholeNumber(
      30,
      'must be a whole number of activities a client may post per minute, e.g. 30',
    ),
    VEILEDER_DIRECT_LINE_MAX_ACTIVITY_KB: positiveWholeNumber(32, 'must be a whole number of kilobytes, e.g. 32'),
    VEILEDER_DIRECT_LINE_MAX_ACTIVITIES: positiveWholeNumber(
      500,
      'must be a whole number of activities per conversation, e.g. 500',
    ),
    VEILEDER_DIRECT_LINE_MAX_CONVERSATION_KB: positiveWholeNumber(
      1024,
      'must be a whole number of kilobytes per conversation, e.g. 1024',
    ),
    VEILEDER_DIRECT_LINE_IDLE_MINUTES: positiveWholeNumber(60, 'must be a whole number of minutes, e.g. 60'),
    // GET /api/offerings?q= text searches per client IP and minute; browsing without q is not counted.
    VEILEDER_SEARCHES_PER_MINUTE: positiveWholeNumber(
      30,
      'must be a whole number of searches a client may make per minute, e.g. 30',
    ),
    // Behind a reverse proxy every request comes from the proxy's address, and per-client limits would lump all
    // visitors together; naming the proxies lets X-Forwarded-For say who the client is. Never "trust all":
    // anyone could then name a fresh address per request and escape every limit.
    VEILEDER_TRUST_PROXY: optionalText.pipe(
      z
        .string()
        .refine(
          (text) => /^\d+$/.test(text) || text.split(',').every((item) => isProxyAddress(item.trim())),
          'must be the number of proxies in front of Veileder (e.g. 1), or a comma-separated list of their addresses or subnets (e.g. 10.0.0.0/8, loopback)',
        )
        .transform((text): number | string[] =>
          /^\d+$/.test(text) ? Number(text) : text.split(',').map((item) => item.trim()),
        )
        .optional(),
    ),
    // Advisers' workspace (adapters/web/advisers). The public URL decides secure cookies and the OIDC callback.
    VEILEDER_PUBLIC_URL: optionalText.pipe(
      z.string().url('must be the address people use to reach Veileder, e.g. https://veileder.example.no').optional(),
    ),
    // Proof of learning (docs/credentials.md): encrypts the issuer's private keys at rest and signs wallet links.
    VEILEDER_CREDENTIAL_SECRET: optionalText.pipe(
      z
        .string()
        .min(
          32,
          'must be at least 32 characters (e.g. openssl rand -base64 32); it encrypts the credential signing keys',
        )
        .optional(),
    ),
    VEILEDER_CREDENTIAL_ISSUER_NAME: optionalText.default('Læringsportalen'),
    // Other issuers whose Open Badges /verify confirms as valid (a good signature from anyone else is "untrusted issuer").
    VEILEDER_TRUSTED_ISSUERS: optionalText.refine(
      (text) => list(text).every((item) => /^did:(key|jwk|web):\S+$/.test(item) || /^https:\/\/\S+$/.test(item)),
      'must be a comma-separated list of issuer ids as they appear in credentials: did:key:…, did:jwk:…, did:web:… or https://… URLs',
    ),
    VEILEDER_ADVISER_SESSION_HOURS: z.preprocess(
      (value) => (value === '' || value === undefined ? 12 : value),
      z.coerce.number({ error: 'must be a number of hours' }).positive(),
    ),
    VEILEDER_ADVISER_IDLE_MINUTES: z.preprocess(
      (value) => (value === '' || value === undefined ? 60 : value),
      z.coerce.number({ error: 'must be a number of minutes' }).positive(),
    ),
    VEILEDER_ADVISER_MAX_FAILED_SIGN_INS: z.preprocess(
      (value) => (value === '' || value === undefined ? 5 : value),
      z.coerce.number({ error: 'must be a whole number of attempts' }).int().min(1),
    ),
    // Failed sign-ins one client address may make (across all accounts) per VEILEDER_ADVISER_LOCKOUT_MINUTES.
    VEILEDER_ADVISER_MAX_FAILED_SIGN_INS_PER_ADDRESS: z.preprocess(
      (value) => (value === '' || value === undefined ? 20 : value),
      z.coerce.number({ error: 'must be a whole number of attempts' }).int().min(1),
    ),
    VEILEDER_ADVISER_LOCKOUT_MINUTES: z.preprocess(
      (value) => (value === '' || value === undefined ? 15 : value),
      z.coerce.number({ error: 'must be a number of minutes' }).positive(),
    ),
    VEILEDER_OIDC_ISSUER: optionalText.pipe(
      z
        .string()
        .url(
          'must be the issuer URL of the OpenID Connect provider, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0',
        )
        .optional(),
    ),
    VEILEDER_OIDC_CLIENT_ID: optionalText,
    VEILEDER_OIDC_CLIENT_SECRET: optionalText,
    VEILEDER_OIDC_ALLOWED_DOMAINS: optionalText,
    VEILEDER_OIDC_ROLE_CLAIM: optionalText,
    VEILEDER_OIDC_ADMIN_VALUES: optionalText,
    VEILEDER_OIDC_LABEL: optionalText,
    // Privacy: how long an idle conversation is kept (0 = until the learner deletes it), and how often the purge runs.
    VEILEDER_RETENTION_DAYS: z.preprocess(
      (value) => (value === '' || value === undefined ? 365 : value),
      z.coerce
        .number({ error: 'must be a whole number of days (0 keeps conversations until the learner deletes them)' })
        .int()
        .min(0),
    ),
    VEILEDER_PURGE_INTERVAL_MINUTES: z.preprocess(
      (value) => (value === '' || value === undefined ? 60 : value),
      z.coerce.number({ error: 'must be a number of minutes' }).positive(),
    ),
    // Push (docs/push.md): digests of new matching offerings and other proactive messages.
    VEILEDER_PUSH: flag(true),
    VEILEDER_PUSH_RUNNER: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.enum(['auto', 'pg-boss', 'in-process']).default('auto'),
    ),
    VEILEDER_PUSH_CHECK_SECONDS: z.preprocess(
      (value) => (value === '' || value === undefined ? 60 : value),
      z.coerce.number({ error: 'must be a number of seconds' }).positive(),
    ),
    VEILEDER_PUSH_GATHER_MINUTES: z.preprocess(
      (value) => (value === '' || value === undefined ? 60 : value),
      z.coerce.number({ error: 'must be a number of minutes' }).nonnegative(),
    ),
    VEILEDER_PUSH_MIN_SCORE: z.preprocess(
      (value) => (value === '' || value === undefined ? 0.04 : value),
      z.coerce.number({ error: 'must be a retrieval score, e.g. 0.04' }).nonnegative(),
    ),
    VEILEDER_PUSH_LEASE_SECONDS: z.preprocess(
      (value) => (value === '' || value === undefined ? 120 : value),
      z.coerce.number({ error: 'must be a number of seconds' }).positive(),
    ),
    VEILEDER_PUSH_SECRET: optionalText.pipe(
      z
        .string()
        .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32); it signs unsubscribe links')
        .optional(),
    ),
    // Providers' feeds and uploads (docs/providers.md).
    VEILEDER_HARVEST: flag(true),
    VEILEDER_HARVEST_ALLOW_PRIVATE: flag(false),
    VEILEDER_HARVEST_CHECK_SECONDS: z.preprocess(
      (value) => (value === '' || value === undefined ? 60 : value),
      z.coerce.number({ error: 'must be a number of seconds' }).positive(),
    ),
    VEILEDER_HARVEST_TIMEOUT_SECONDS: z.preprocess(
      (value) => (value === '' || value === undefined ? 300 : value),
      z.coerce.number({ error: 'must be a number of seconds' }).positive(),
    ),
    VEILEDER_CATALOGUE_MAX_MB: z.preprocess(
      (value) => (value === '' || value === undefined ? 200 : value),
      z.coerce.number({ error: 'must be a number of megabytes' }).positive(),
    ),
    VEILEDER_FEED_STALE_SCHEDULES: z.preprocess(
      (value) => (value === '' || value === undefined ? 3 : value),
      z.coerce.number({ error: 'must be a number of schedules' }).positive(),
    ),
    // Organisations (docs/organisations.md).
    VEILEDER_MANDATORY_REMINDER_DAYS: z.preprocess(
      (value) => (value === '' || value === undefined ? 30 : value),
      z.coerce.number({ error: 'must be a number of days' }).positive(),
    ),
    VEILEDER_TEAM_PLAN_SMALL_BUDGET_NOK: z.preprocess(
      (value) => (value === '' || value === undefined ? 5000 : value),
      z.coerce.number({ error: 'must be an amount in NOK per person per year' }).nonnegative(),
    ),
  })
  .superRefine((env, context) => {
    // Said plainly rather than silently searching with the local embedder the operator meant to replace.
    if (env.VEILEDER_EMBEDDING_MODEL && !env.OPENAI_BASE_URL) {
      context.addIssue({
        code: 'custom',
        path: ['VEILEDER_EMBEDDING_MODEL'],
        message:
          'needs OPENAI_BASE_URL, the OpenAI-compatible API that serves this model (e.g. http://localhost:11434/v1)',
      });
    }
  });

export type Configuration = {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  importDemoCatalogue: boolean;
  /** Seconds between catalogue change checks on the embedded database. */
  catalogueCheckSeconds: number;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  openai: {
    baseUrl: string | undefined;
    apiKey: string | undefined;
    chatModel: string | undefined;
    embeddingModel: string | undefined;
  };
  /** How the assistant calls its chat model (used only when `openai.baseUrl` and `openai.chatModel` are set). */
  chat: {
    timeoutMs: number;
    maxRetries: number;
    structuredOutputMethod: 'functionCalling' | 'jsonSchema' | 'jsonMode';
    promptUsdPerMillion: number;
    completionUsdPerMillion: number;
  };
  /** NOK per US dollar, for feeds that give prices in USD. */
  usdToNok: number;
  /** Which channels the one server process serves; see describeChannels in adapters/channels. */
  channels: ChannelSettings;
  /** The address people use to reach Veileder (no trailing slash), when it differs from the request's. */
  publicUrl: string | undefined;
  /** CSP frame-ancestors for pages without a policy of their own (/, /chat): the portal's origins; default 'self'. */
  frameAncestors: string[];
  /** The reverse proxies whose X-Forwarded-For is believed (a hop count or addresses); unset = the socket's address is the client. */
  trustProxy: number | string[] | undefined;
  advisers: AdviserSettings;
  /** GDPR: conversations idle longer than `retentionDays` (0 = never) are purged every `purgeIntervalMinutes`. */
  privacy: { retentionDays: number; purgeIntervalMinutes: number };
  /** Proactive messages: digests of new matching offerings, organisations' assignments and reminders (docs/push.md). */
  push: PushSettings;
  /** Providers' registered feeds (docs/providers.md): harvested every due schedule, checked every `checkSeconds`. */
  harvest: HarvestSettings;
  /** Largest catalogue a feed harvest downloads or an upload accepts, in MB. */
  catalogueMaxMb: number;
  /** Organisations: how often a missing mandatory course is reminded; below which budget per person team plans put free offerings first. */
  organisations: { mandatoryReminderDays: number; smallBudgetNok: number };
  /** Open Badges credentials (docs/credentials.md); the secret unset = generated into the data dir on the embedded database. */
  credentials: { secret: string | undefined; issuerName: string; trustedIssuers: string[] };
  /** The public catalogue API (GET /api/offerings). */
  offerings: OfferingsApiSettings;
};

export type OfferingsApiSettings = {
  /** Text searches (`q`) one client IP may make per minute; a burst of as many is allowed. */
  searchesPerMinute: number;
};

/** Used where no configuration is given (tests composing the HTTP app by hand). */
export const defaultOfferingsApiSettings: OfferingsApiSettings = { searchesPerMinute: 30 };

export type PushSettings = {
  /** Off: no push jobs run in this process (subscriptions can still be made). */
  enabled: boolean;
  /** auto: pg-boss on a PostgreSQL server, an in-process timer on the embedded database. */
  runner: 'auto' | 'pg-boss' | 'in-process';
  /** How often new offerings are matched, digests planned and due messages looked for. */
  checkSeconds: number;
  /** A digest waits this long after its first match, so one import's matches go out together. */
  gatherMinutes: number;
  /** Fused retrieval score a new offering must reach to be pushed. */
  minScore: number;
  /** How long a process may hold a message it is sending before another may take it over. */
  leaseSeconds: number;
  /** Signs unsubscribe links; unset = a key generated once and kept in the database. */
  secret: string | undefined;
};

type HarvestSettings = {
  /** Off: this process harvests no feeds (another may). */
  enabled: boolean;
  checkSeconds: number;
  /** The whole fetch of one feed, body included, must finish within this. */
  timeoutSeconds: number;
  /** A feed with no successful harvest within this many of its schedules is listed as stale. */
  staleSchedules: number;
  /** Feeds on loopback, private and link-local addresses may be fetched (off: public internet only). */
  allowPrivateAddresses: boolean;
};

/** The advisers' workspace at /advisers: sessions, lockout and optional OpenID Connect sign-in. */
export type AdviserSettings = {
  /** A session ends this long after sign-in, however active. */
  sessionHours: number;
  /** A session ends after this long without a request. */
  idleMinutes: number;
  /** Wrong passwords in a row before the account is locked. */
  maxFailedSignIns: number;
  lockoutMinutes: number;
  /** Failed sign-ins one client address may make, across all accounts, per `lockoutMinutes`. */
  maxFailedSignInsPerAddress: number;
  /** OpenID Connect (e.g. Microsoft Entra ID): on when issuer, client id and client secret are all set. */
  oidc: OidcSettings | undefined;
};

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Email domains whose people get an adviser account at first sign-in; empty = only accounts created beforehand. */
  allowedDomains: string[];
  /** A claim of the ID token (e.g. `roles`) that decides the role at every sign-in; unset = roles are kept in Veileder. */
  roleClaim: string | undefined;
  /** Values of `roleClaim` that make an admin. */
  adminValues: string[];
  /** The button's label on the sign-in page, e.g. "Microsoft". */
  label: string;
};

export type ChannelSettings = {
  /**
   * The portal widget (/widget.js, /chat) and POST /api/chat. On unless VEILEDER_WEB_CHAT=false. Session ids
   * are signed with VEILEDER_SESSION_SECRET, or with a key generated once into the database when it is unset.
   */
  web: { enabled: boolean; sessionSecret: string | undefined };
  /**
   * Bot Framework Direct Line 3.0-compatible endpoints under /v3/directline. On unless VEILEDER_DIRECT_LINE=false.
   * Tokens are signed with a key derived from the secret, or generated once into the database when it is unset.
   */
  directLine: { enabled: boolean; secret: string | undefined; limits: DirectLineLimits };
  /**
   * Microsoft Teams at POST /api/messages. On when MicrosoftAppId is set (then every request must carry a
   * valid Bot Framework token), or with VEILEDER_TEAMS=true and no app id: unauthenticated, for the
   * Bot Framework Emulator and local tests only.
   */
  teams: {
    enabled: boolean;
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    /** The OpenID metadata document listing the keys that sign Bot Framework tokens; undefined = botbuilder's default. */
    openIdMetadataUrl: string | undefined;
  };
  /**
   * Slack at /slack/events. One workspace when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set; any workspace
   * (OAuth install at /slack/install, a bot token per workspace kept sealed under the credential secret) when
   * SLACK_SIGNING_SECRET, SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are.
   */
  slack: SlackSettings | { enabled: false };
};

export type SlackSettings =
  | { enabled: true; mode: 'single-workspace'; signingSecret: string; botToken: string; apiUrl: string | undefined }
  | {
      enabled: true;
      mode: 'any-workspace';
      signingSecret: string;
      clientId: string;
      clientSecret: string;
      apiUrl: string | undefined;
      /** Seals the installations' tokens: VEILEDER_CREDENTIAL_SECRET, or on the embedded database the file beside it. */
      tokenSecret: { configured: string | undefined; dataDir: string };
    };

/** What one Direct Line client may do; rates are per client IP and process, sizes per activity and conversation. */
export type DirectLineLimits = {
  startsPerMinute: number;
  postsPerMinute: number;
  maxActivityBytes: number;
  maxActivities: number;
  maxConversationBytes: number;
  /** A conversation unused this long is deleted with its activities. */
  idleMinutes: number;
};

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function loadConfiguration(environment: Record<string, string | undefined> = process.env): Configuration {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(
      `Veileder's configuration is not valid:\n${lines.join('\n')}\nFix these environment variables and start again.`,
    );
  }
  const env = parsed.data;
  return {
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    host: env.HOST,
    dataDir: env.VEILEDER_DATA_DIR,
    importDemoCatalogue: env.VEILEDER_DEMO_CATALOGUE,
    catalogueCheckSeconds: env.VEILEDER_CATALOGUE_CHECK_SECONDS,
    logLevel: env.VEILEDER_LOG_LEVEL,
    openai: {
      baseUrl: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      chatModel: env.VEILEDER_CHAT_MODEL,
      embeddingModel: env.VEILEDER_EMBEDDING_MODEL,
    },
    chat: {
      timeoutMs: env.VEILEDER_CHAT_TIMEOUT_MS,
      maxRetries: env.VEILEDER_CHAT_MAX_RETRIES,
      structuredOutputMethod: env.VEILEDER_CHAT_STRUCTURED_METHOD,
      promptUsdPerMillion: env.VEILEDER_CHAT_PROMPT_USD_PER_MILLION,
      completionUsdPerMillion: env.VEILEDER_CHAT_COMPLETION_USD_PER_MILLION,
    },
    usdToNok: env.VEILEDER_USD_TO_NOK,
    channels: channelSettings(env),
    publicUrl: env.VEILEDER_PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: env.VEILEDER_TRUST_PROXY,
    frameAncestors: env.VEILEDER_FRAME_ANCESTORS ?? ["'self'"],
    advisers: adviserSettings(env),
    privacy: { retentionDays: env.VEILEDER_RETENTION_DAYS, purgeIntervalMinutes: env.VEILEDER_PURGE_INTERVAL_MINUTES },
    push: {
      enabled: env.VEILEDER_PUSH,
      runner: env.VEILEDER_PUSH_RUNNER,
      checkSeconds: env.VEILEDER_PUSH_CHECK_SECONDS,
      gatherMinutes: env.VEILEDER_PUSH_GATHER_MINUTES,
      minScore: env.VEILEDER_PUSH_MIN_SCORE,
      leaseSeconds: env.VEILEDER_PUSH_LEASE_SECONDS,
      secret: env.VEILEDER_PUSH_SECRET,
    },
    harvest: {
      enabled: env.VEILEDER_HARVEST,
      checkSeconds: env.VEILEDER_HARVEST_CHECK_SECONDS,
      timeoutSeconds: env.VEILEDER_HARVEST_TIMEOUT_SECONDS,
      staleSchedules: env.VEILEDER_FEED_STALE_SCHEDULES,
      allowPrivateAddresses: env.VEILEDER_HARVEST_ALLOW_PRIVATE,
    },
    catalogueMaxMb: env.VEILEDER_CATALOGUE_MAX_MB,
    credentials: {
      secret: env.VEILEDER_CREDENTIAL_SECRET,
      issuerName: env.VEILEDER_CREDENTIAL_ISSUER_NAME,
      trustedIssuers: list(env.VEILEDER_TRUSTED_ISSUERS),
    },
    organisations: {
      mandatoryReminderDays: env.VEILEDER_MANDATORY_REMINDER_DAYS,
      smallBudgetNok: env.VEILEDER_TEAM_PLAN_SMALL_BUDGET_NOK,
    },
    offerings: { searchesPerMinute: env.VEILEDER_SEARCHES_PER_MINUTE },
  };
}

/** An address, a subnet (address/prefix) or one of the names Express knows for private ranges. */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const version = isIP(address ?? '');
  if (!version || extra !== undefined) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function adviserSettings(env: ParsedEnvironment): AdviserSettings {
  const oidcParts = [env.VEILEDER_OIDC_ISSUER, env.VEILEDER_OIDC_CLIENT_ID, env.VEILEDER_OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigurationError(
      "Veileder's configuration is not valid:\n  VEILEDER_OIDC_ISSUER, VEILEDER_OIDC_CLIENT_ID, VEILEDER_OIDC_CLIENT_SECRET: set all three (from the app registration at the identity provider) or none\nFix these environment variables and start again.",
    );
  }
  return {
    sessionHours: env.VEILEDER_ADVISER_SESSION_HOURS,
    idleMinutes: env.VEILEDER_ADVISER_IDLE_MINUTES,
    maxFailedSignIns: env.VEILEDER_ADVISER_MAX_FAILED_SIGN_INS,
    lockoutMinutes: env.VEILEDER_ADVISER_LOCKOUT_MINUTES,
    maxFailedSignInsPerAddress: env.VEILEDER_ADVISER_MAX_FAILED_SIGN_INS_PER_ADDRESS,
    oidc:
      env.VEILEDER_OIDC_ISSUER && env.VEILEDER_OIDC_CLIENT_ID && env.VEILEDER_OIDC_CLIENT_SECRET
        ? {
            issuer: env.VEILEDER_OIDC_ISSUER,
            clientId: env.VEILEDER_OIDC_CLIENT_ID,
            clientSecret: env.VEILEDER_OIDC_CLIENT_SECRET,
            allowedDomains: list(env.VEILEDER_OIDC_ALLOWED_DOMAINS).map((domain) =>
              domain.toLowerCase().replace(/^@/, ''),
            ),
            roleClaim: env.VEILEDER_OIDC_ROLE_CLAIM,
            adminValues: list(env.VEILEDER_OIDC_ADMIN_VALUES),
            label: env.VEILEDER_OIDC_LABEL ?? 'Microsoft',
          }
        : undefined,
  };
}

/** Used where no configuration is given (tests composing the HTTP app by hand). */
export const defaultAdviserSettings: AdviserSettings = {
  sessionHours: 12,
  idleMinutes: 60,
  maxFailedSignIns: 5,
  lockoutMinutes: 15,
  maxFailedSignInsPerAddress: 20,
  oidc: undefined,
};

type ParsedEnvironment = z.infer<typeof environmentSchema>;

function channelSettings(env: ParsedEnvironment): ChannelSettings {
  const problems: string[] = [];
  if (env.MicrosoftAppId === undefined && (env.MicrosoftAppPassword || env.MicrosoftAppTenantId)) {
    problems.push(
      '  MicrosoftAppId: is missing while MicrosoftAppPassword or MicrosoftAppTenantId is set — set all of them from the Azure bot registration',
    );
  }
  const appType = env.MicrosoftAppType ?? (env.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant');
  if (env.MicrosoftAppId && appType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push(
      "  MicrosoftAppPassword: is required with MicrosoftAppId — the client secret of the bot's app registration",
    );
  }
  if (env.MicrosoftAppId && appType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
    problems.push(
      '  MicrosoftAppTenantId: is required for a SingleTenant bot — the directory (tenant) id of the app registration',
    );
  }
  const slackOAuth = Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET);
  if (slackOAuth && env.SLACK_BOT_TOKEN) {
    problems.push(
      '  SLACK_BOT_TOKEN: set it for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for any workspace to install through "Add to Slack" — not both',
    );
  } else if (slackOAuth) {
    for (const name of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET'] as const) {
      if (!env[name])
        problems.push(
          `  ${name}: is missing — installing Slack in any workspace needs the app's client id, client secret and signing secret (Basic Information)`,
        );
    }
    if (env.DATABASE_URL && !env.VEILEDER_CREDENTIAL_SECRET) {
      problems.push(
        "  VEILEDER_CREDENTIAL_SECRET: is required with SLACK_CLIENT_ID on a PostgreSQL server — it seals the workspaces' bot tokens (at least 32 characters, the same on every instance)",
      );
    }
  } else if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN)) {
    problems.push(
      `  ${env.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET'}: is missing — Slack needs both the signing secret and the bot token (xoxb-…) from the app's settings`,
    );
  }
  if (problems.length > 0) {
    throw new ConfigurationError(
      `Veileder's configuration is not valid:\n${problems.join('\n')}\nFix these environment variables and start again.`,
    );
  }
  const teamsEnabled = env.VEILEDER_TEAMS ?? env.MicrosoftAppId !== undefined;
  return {
    web: { enabled: env.VEILEDER_WEB_CHAT, sessionSecret: env.VEILEDER_SESSION_SECRET },
    directLine: {
      enabled: env.VEILEDER_DIRECT_LINE,
      secret: env.VEILEDER_DIRECT_LINE_SECRET,
      limits: {
        startsPerMinute: env.VEILEDER_DIRECT_LINE_STARTS_PER_MINUTE,
        postsPerMinute: env.VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE,
        maxActivityBytes: env.VEILEDER_DIRECT_LINE_MAX_ACTIVITY_KB * 1024,
        maxActivities: env.VEILEDER_DIRECT_LINE_MAX_ACTIVITIES,
        maxConversationBytes: env.VEILEDER_DIRECT_LINE_MAX_CONVERSATION_KB * 1024,
        idleMinutes: env.VEILEDER_DIRECT_LINE_IDLE_MINUTES,
      },
    },
    teams: {
      enabled: teamsEnabled,
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      tenantId: env.MicrosoftAppTenantId,
      appType,
      openIdMetadataUrl: env.BotOpenIdMetadata,
    },
    slack:
      env.SLACK_SIGNING_SECRET && env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET
        ? {
            enabled: true,
            mode: 'any-workspace',
            signingSecret: env.SLACK_SIGNING_SECRET,
            clientId: env.SLACK_CLIENT_ID,
            clientSecret: env.SLACK_CLIENT_SECRET,
            apiUrl: env.SLACK_API_URL,
            tokenSecret: { configured: env.VEILEDER_CREDENTIAL_SECRET, dataDir: env.VEILEDER_DATA_DIR },
          }
        : env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN
          ? {
              enabled: true,
              mode: 'single-workspace',
              signingSecret: env.SLACK_SIGNING_SECRET,
              botToken: env.SLACK_BOT_TOKEN,
              apiUrl: env.SLACK_API_URL,
            }
          : { enabled: false },
  };
}
