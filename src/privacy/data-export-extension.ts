import type { DialogueExtension } from '../dialogue/extensions.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import { isExportRequest } from './export-request.js';

/**
 * "Eksporter dataene mine" in any channel: the learner gets a short-lived link to a JSON file of everything
 * stored about them. The link is made by the edge (it knows the public address and keeps the token);
 * consent does not matter here — the right of access covers whatever is stored, consented or not.
 */

export type ExportLinkIssuer = {
  /** A link to the learner's export, valid for `expiresInMinutes`. */
  createExportLink(input: { learnerId: string }): Promise<{ url: string; expiresInMinutes: number }>;
};

const dataExportExtensionName = 'data_export';

export function createDataExportExtension(options: {
  links: ExportLinkIssuer;
  templates: ReplyTemplates;
}): DialogueExtension {
  const { links, templates } = options;
  return {
    name: dataExportExtensionName,
    async answer(context) {
      const pressed = context.action?.command === 'export';
      if (!pressed && !isExportRequest(context.text)) return null;
      const link = await links.createExportLink({ learnerId: context.learnerId });
      return {
        text: templates.text(context.language, 'export_ready', { url: link.url, minutes: link.expiresInMinutes }),
      };
    },
  };
}
