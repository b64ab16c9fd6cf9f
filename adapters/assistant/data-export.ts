import type pg from 'pg';
import { createDataExportExtension } from '../../src/privacy/data-export-extension.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { createExportToken } from '../storage/privacy/export-link-store.js';
import { promptsDirectory } from './create-assistant.js';

/**
 * The chat's data export ("eksporter dataene mine"): a link to GET /api/privacy/export/:token on this
 * server's public address, valid for `minutes` (default 30).
 */
export async function createDataExport(options: {
  pool: pg.Pool;
  baseUrl: string;
  minutes?: number;
  directory?: string;
}): Promise<DialogueExtension> {
  const minutes = options.minutes ?? 30;
  const templates = await loadReplyTemplates({ directory: options.directory ?? promptsDirectory });
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  return createDataExportExtension({
    templates,
    links: {
      async createExportLink({ learnerId }) {
        const token = await createExportToken({ pool: options.pool, learnerId, minutes });
        return { url: `${baseUrl}/api/privacy/export/${token}`, expiresInMinutes: minutes };
      },
    },
  });
}
