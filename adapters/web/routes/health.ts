import { Router } from 'express';
import type { RouteModule } from './route-module.js';

export const healthRoutes: RouteModule = {
  describe: [{ path: '/health', summary: 'liveness and database check' }],
  router({ database, log }) {
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
    return router;
  },
};
