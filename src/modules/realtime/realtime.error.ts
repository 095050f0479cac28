import { defineErrors } from '@turnout/common/problems/domain-error';

/** Why a channel subscription was refused (sent on the socket as `subscription_error`). */
export class RealtimeError extends defineErrors({
  'invalid-subscription': { status: 400, title: 'The subscription request is not valid' },
  'channel-not-found': { status: 404, title: 'No such channel' },
}) {}
