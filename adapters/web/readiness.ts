/**
 * Whether this process should be sent requests, apart from whether it is alive (/health): a load balancer
 * polls /ready and stops routing here while the process starts or, after SIGTERM, drains — it still answers
 * what reaches it meanwhile, so a rolling restart loses no turn.
 */
type ReadinessState = 'starting' | 'ready' | 'draining';

export type Readiness = {
  state(): ReadinessState;
  /** Everything is composed and listening. */
  markReady(): void;
  /** Shutting down soon: stop being routed to, keep serving. */
  drain(): void;
};

export function createReadiness(): Readiness {
  let state: ReadinessState = 'starting';
  return {
    state: () => state,
    markReady() {
      if (state === 'starting') state = 'ready';
    },
    drain() {
      state = 'draining';
    },
  };
}
