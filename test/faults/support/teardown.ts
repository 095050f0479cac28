type Step = () => unknown;

/**
 * What a test file starts (apps, receivers, clusters, databases), torn down in reverse order in
 * `afterAll`, whether the tests passed or not. Jest runs `afterAll` hooks in the order they were
 * declared, so one stack keeps an app from outliving the database it runs on.
 */
export function teardownStack() {
  const steps: Step[] = [];
  afterAll(async () => {
    const failures: unknown[] = [];
    for (const step of steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'Tearing down failed');
  });
  return {
    /** Registers `teardown` for `resource` and hands the resource back. */
    defer<T>(resource: T, teardown: (resource: T) => unknown): T {
      steps.push(() => teardown(resource));
      return resource;
    },
  };
}

export type Teardown = ReturnType<typeof teardownStack>;
