import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AttendeesModule } from 'src/modules/attendees/attendees.module';
import { AuthModule } from 'src/modules/auth/auth.module';
import { EventsModule } from 'src/modules/events/events.module';
import { AttendeeFeedListener } from './attendee-feed.listener';
import { ChannelAuthorizer } from './channel-authorizer';
import { RealtimeGateway } from './realtime.gateway';
import { SocketIoAttachmentSchema } from './socket-io-attachment.entity';

/**
 * Live attendee events over socket.io for Laravel Echo dashboards: channel authorisation and the
 * gateway, fed by the `attendee.*` domain events after their transaction commits.
 */
@Module({
  imports: [
    AuthModule,
    EventsModule,
    AttendeesModule,
    MikroOrmModule.forFeature([SocketIoAttachmentSchema]),
  ],
  providers: [AttendeeFeedListener, ChannelAuthorizer, RealtimeGateway],
})
export class RealtimeModule {}
