import type { ChannelSettings } from '../configuration.js';

/** One line per channel saying whether it is on and how it is reached, for the startup log. */
export function describeChannels(options: { channels: ChannelSettings }): string[] {
  const { web, directLine, teams, slack } = options.channels;
  return [
    web.enabled
      ? 'web chat: on — widget at /widget.js, demo page at /chat, API at POST /api/chat'
      : 'web chat: off (VEILEDER_WEB_CHAT=false)',
    directLine.enabled
      ? `Direct Line: on — /v3/directline (token generation ${directLine.secret ? 'needs VEILEDER_DIRECT_LINE_SECRET' : 'open to anyone; set VEILEDER_DIRECT_LINE_SECRET to guard it'})`
      : 'Direct Line: off (VEILEDER_DIRECT_LINE=false)',
    teams.enabled
      ? teams.appId
        ? `Teams: on — POST /api/messages, Bot Framework authentication for app ${teams.appId} (${teams.appType})`
        : 'Teams: on — POST /api/messages WITHOUT authentication (VEILEDER_TEAMS=true, no MicrosoftAppId): for the Bot Framework Emulator and tests only'
      : 'Teams: off (set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId)',
    !slack.enabled
      ? 'Slack: off (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for any)'
      : slack.mode === 'any-workspace'
        ? `Slack: on — any workspace installs at /slack/install (redirect /slack/oauth_redirect), events at /slack/events, signed requests only${slack.apiUrl ? `, Web API at ${slack.apiUrl}` : ''}`
        : `Slack: on — /slack/events, one workspace, signed requests only${slack.apiUrl ? `, Web API at ${slack.apiUrl}` : ''}`,
  ];
}
