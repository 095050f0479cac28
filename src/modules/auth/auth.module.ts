import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AppConfig } from 'src/config/app-config';
import { AccessService } from './access.service';
import { AdminBootstrap } from './admin-bootstrap';
import { ApiKeySchema } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { HeaderAuthenticator } from './header-authenticator';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { MembershipSchema } from './membership.entity';
import { MembershipsController } from './memberships.controller';
import { MembershipsService } from './memberships.service';
import { OrganizationSchema } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { RequestThrottleGuard } from './request-throttle.guard';
import { TokenService } from './token.service';
import { UserSchema } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Who the callers are and what they may do: users, organizations, memberships, API keys, access rules. */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    MikroOrmModule.forFeature([OrganizationSchema, UserSchema, MembershipSchema, ApiKeySchema]),
  ],
  controllers: [
    AuthController,
    UsersController,
    MembershipsController,
    OrganizationsController,
    ApiKeysController,
  ],
  providers: [
    AccessService,
    AdminBootstrap,
    ApiKeysService,
    AuthService,
    HeaderAuthenticator,
    JwtStrategy,
    LoginThrottle,
    MembershipsService,
    OrganizationsService,
    TokenService,
    UsersService,
    // Global guards run in this order: the throttle needs the caller authentication found.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RequestThrottleGuard },
  ],
  exports: [
    AccessService,
    HeaderAuthenticator,
    MembershipsService,
    OrganizationsService,
    TokenService,
    UsersService,
  ],
})
export class AuthModule {}
