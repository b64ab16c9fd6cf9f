import { createLearnerMessenger } from '../../../push/enqueue-learner-message.js';
import type { WorkspaceSection } from '../section.js';
import { organisationsApiSection } from './organisations-api.js';
import { organisationsSection } from './organisations-section.js';

/** The organisations' page section and its JSON API, with assignments delivered through the push outbox. */
const services = {
  messenger: (pool: Parameters<typeof createLearnerMessenger>[0]['pool']) => createLearnerMessenger({ pool }),
};

export const organisationSections: WorkspaceSection[] = [
  organisationsSection(services),
  organisationsApiSection(services),
];
