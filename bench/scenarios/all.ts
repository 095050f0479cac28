import { batch } from './batch.ts';
import { checkIn } from './check-in.ts';
import { eventDetail } from './event-detail.ts';
import { projectList } from './project-list.ts';
import { registerContended } from './register-contended.ts';
import { register } from './register.ts';
import type { Scenario } from './scenario.ts';
import { search } from './search.ts';
import { webhooks } from './webhooks.ts';

/**
 * Every scenario, in the issue's order, which is also the order they run in: the reads come before
 * the batches grow the project, and the webhooks last, once the writes' deliveries have drained.
 */
export const SCENARIOS: readonly Scenario[] = [
  register,
  registerContended,
  search,
  projectList,
  eventDetail,
  batch,
  checkIn,
  webhooks,
];
