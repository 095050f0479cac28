import { defineErrors } from '@turnout/common/problems/domain-error';

export class WebhooksError extends defineErrors({
  'webhook-not-found': { status: 404, title: 'No such webhook subscription' },
  'delivery-not-found': { status: 404, title: 'No such delivery' },
  'invalid-url': { status: 422, title: 'The webhook URL is not allowed' },
  'organization-required': { status: 422, title: 'An organization is required' },
}) {}
