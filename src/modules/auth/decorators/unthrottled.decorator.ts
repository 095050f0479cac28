import { SetMetadata } from '@nestjs/common';

export const UNTHROTTLED = 'turnout:unthrottled';

/**
 * Exempts a route (or controller) from the general rate limit: probes and scrapes (health,
 * metrics) come from infrastructure on a schedule, and refusing them would report an outage.
 */
export const Unthrottled = () => SetMetadata(UNTHROTTLED, true);
