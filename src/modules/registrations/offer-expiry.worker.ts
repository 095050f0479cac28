import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { SeatsService } from 'src/modules/events/seats.service';
import { RegistrationsService } from './registrations.service';

/**
 * Every OFFER_SWEEP_SECONDS, lapses waiting-list offers nobody confirmed in time (CANCELLED,
 * reason offer-expired) and offers the seat to the next in line. Several instances may run it:
 * each claims different rows (FOR UPDATE SKIP LOCKED).
 */
@Injectable()
export class OfferExpiryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OfferExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly registrations: RegistrationsService,
    private readonly seats: SeatsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.offerSweepSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many offers lapsed. Exposed for tests and operators. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = this.registrations.lapseExpiredOffers((target, tx) =>
      this.seats.bookable(tx, target),
    );
    try {
      const lapsed = await this.running;
      if (lapsed > 0) this.logger.log(`Lapsed ${lapsed} expired offer(s)`);
      return lapsed;
    } catch (error) {
      this.logger.error(
        { err: error },
        'Lapsing expired offers failed; retrying on the next sweep',
      );
      return 0;
    } finally {
      this.running = undefined;
    }
  }
}
