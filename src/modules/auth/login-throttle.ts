import { Injectable } from '@nestjs/common';
import { RateLimiter } from '@turnout/common/http/rate-limiter';
import { AppConfig } from 'src/config/app-config';
import { AuthError } from './auth.error';

/** Login attempts per client address and per email, in this instance's memory. */
@Injectable()
export class LoginThrottle {
  private readonly byIp: RateLimiter;
  private readonly byEmail: RateLimiter;

  constructor(config: AppConfig) {
    const { perIp, perEmail, windowSeconds } = config.login;
    this.byIp = new RateLimiter(perIp, windowSeconds * 1000);
    this.byEmail = new RateLimiter(perEmail, windowSeconds * 1000);
  }

  /** Counts an attempt, or throws 429 with Retry-After when either limit is reached. */
  attempt(ip: string, email: string): void {
    const wait = Math.max(this.byIp.retryAfter(ip), this.byEmail.retryAfter(email));
    if (wait > 0) {
      throw new AuthError('too-many-attempts', `Try again in ${wait} s`, {
        'retry-after': String(wait),
      });
    }
    this.byIp.hit(ip);
    this.byEmail.hit(email);
  }

  succeeded(email: string): void {
    this.byEmail.reset(email);
  }
}
