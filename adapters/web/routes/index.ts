import { adviserRoutes } from '../advisers/advisers-router.js';
import { channelRoutes } from './channels.js';
import { chatRoutes } from './chat.js';
import { credentialRoutes } from './credentials.js';
import { demandRoutes } from './demand.js';
import { healthRoutes } from './health.js';
import { legalRoutes } from './legal.js';
import { metricsRoutes } from './metrics.js';
import { offeringsRoutes } from './offerings.js';
import { providerCatalogueRoutes } from './provider-catalogue.js';
import { privacyRoutes } from './privacy.js';
import type { RouteModule } from './route-module.js';
import { searchRoutes } from './search.js';
import { siteCheckRoutes } from './site-check.js';
import { unsubscribeRoutes } from './unsubscribe.js';
import { walletRoutes } from './wallet.js';

/** Every router the app mounts, in order. Add yours with one line. */
export const routeModules: RouteModule[] = [
  healthRoutes,
  metricsRoutes,
  offeringsRoutes,
  searchRoutes,
  demandRoutes,
  channelRoutes,
  chatRoutes,
  adviserRoutes,
  unsubscribeRoutes,
  credentialRoutes,
  providerCatalogueRoutes,
  walletRoutes,
  privacyRoutes,
  legalRoutes,
  siteCheckRoutes,
];
