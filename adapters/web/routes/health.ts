import { Router } from 'express';
import type { RouteModule } from './route-module.js';

export const healthRoutes: RouteModule = {
  describe: [
    { path: '/health', summary: 'liveness and database check' },
    { path: '/ready', summary: 'readiness for a load balancer: 503 while starting or draining after SIGTERM' },
  ],
  router({ database, log, readiness }) {
    const router = Router();
    router.get('/health', async (_request, response) => {
      const started = performance.now();
      try {
        await database.pool.query('SELECT 1');
        response.json({
          status: 'ok',
          database: database.kind,
          databaseMilliseconds: Math.round(performance.now() - started),
        });
      } catch (error) {
        log.error('health check: database unreachable', { error: (error as Error).message });
        response.status(503).json({ status: 'unavailable', database: database.kind });
      }
    });
    // No database query: a database outage shows at /health, and taking every process out of rotation at once
    // for it would turn a slow database into no service at all.
    router.get('/ready', (_request, response) => {
      const state = readiness.state();
      response
        .status(state === 'ready' ? 200 : 503)
        .set('Cache-Control', 'no-store')
        .json({ status: state });
    });
    return router;
  },
};
