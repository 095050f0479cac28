import { defineErrors } from '@turnout/common/problems/domain-error';

export class HealthError extends defineErrors({
  'not-ready': { status: 503, title: 'Not ready to serve traffic' },
}) {}
