import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../adapters/web/server.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { startAssistantHarness, type AssistantHarness, type AssistantHarnessOptions } from './assistant-harness.js';

/**
 * The real HTTP app with the real assistant (its own PostgreSQL database and catalogue slice), channels
 * switched on by `environment` exactly as in production, listening on an ephemeral port.
 */
export type ChannelServer = { url: string; harness: AssistantHarness; close(): Promise<void> };

/** `catalogue` adds to the assistant's catalogue slice (e.g. tests/support/hostile-offerings.ts). */
export async function startChannelServer(options: {
  environment: Record<string, string>;
  catalogue?: Pick<AssistantHarnessOptions, 'extraFeeds' | 'prepareCatalogue'>;
  extensions?: AssistantHarnessOptions['extensions'];
}): Promise<ChannelServer> {
  const harness = await startAssistantHarness({ ...options.catalogue, extensions: options.extensions });
  const configuration = loadConfiguration(options.environment);
  const app = createHttpApp({
    database: harness.database,
    channels: configuration.channels,
    handleTurn: (turn) => harness.assistant.handleTurn(turn),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    harness,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await harness.close();
    },
  };
}
