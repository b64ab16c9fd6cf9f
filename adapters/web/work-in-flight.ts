/**
 * Work a request started but does not wait for — a Direct Line or Slack turn is answered after the HTTP
 * acknowledgement — counted, so a stopping process finishes it before it closes the database. Without this a
 * rolling restart would drop the replies of the turns acknowledged just before it.
 */
export type WorkInFlight = {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is running, or after `timeoutMs`; says whether everything finished. */
  settled(timeoutMs: number): Promise<boolean>;
};

export function createWorkInFlight(): WorkInFlight {
  let running = 0;
  const idle: (() => void)[] = [];
  return {
    async run(work) {
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        if (running === 0) for (const wake of idle.splice(0)) wake();
      }
    },
    settled(timeoutMs) {
      if (running === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idle.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
