import { Router } from 'express';
import type { RouteModule } from './route-module.js';

export const metricsRoutes: RouteModule = {
  describe: [{ path: '/metrics', summary: 'Prometheus metrics: turns, retrieval, database pool, job queues, imports' }],
  router({ metrics }) {
    const router = Router();
    router.get('/metrics', async (_request, response) => {
      response
        .type(metrics.contentType)
        .set('Cache-Control', 'no-store')
        .send(await metrics.scrape());
    });
    return router;
  },
};
