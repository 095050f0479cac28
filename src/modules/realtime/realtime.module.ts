import { Module } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AfterCommit } from '@turnout/common/events/after-commit';
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
  providers: [
    // Created at start-up, outside any request: deferred work runs in that clean context.
    {
      provide: AfterCommit,
      inject: [MikroORM],
      useFactory: (orm: MikroORM) => AfterCommit.attach(orm.em),
    },
    AttendeeFeedListener,
    ChannelAuthorizer,
    RealtimeGateway,
  ],
})
export class RealtimeModule {}
