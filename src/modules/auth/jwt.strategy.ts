import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from 'src/config/app-config';
import { type AuthContext, ROLES, type Role } from './auth-context';
import { AuthError } from './auth.error';
import { UsersService } from './users.service';
import { isUuid } from '@turnout/common/text/uuid';

/** The claims Turnout puts in its access tokens. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  org: string | null;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key made once: handed the secret as a string, jsonwebtoken first tries it as a public
      // key on every request (createPublicKey throws) before making a secret key of it. The
      // typings say string or Buffer; jsonwebtoken, which passport-jwt hands it to, takes a KeyObject.
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
      // Pinned: a token cannot choose `none` or an asymmetric algorithm for itself.
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  /**
   * The token only says who; the database says what they may do now, so a deactivated user's
   * tokens stop working and a role change takes effect at once.
   */
  async validate(claims: Partial<AccessTokenClaims>): Promise<AuthContext> {
    // jsonwebtoken accepts tokens without `exp`; Turnout never issues one and never accepts one.
    if (typeof claims.exp !== 'number')
      throw new AuthError('invalid-token', 'The access token has no expiry');
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role as Role)) {
      throw new AuthError('invalid-token', 'The access token does not name a user and role');
    }
    const identity = isUuid(claims.sub) ? await this.users.findIdentity(claims.sub) : null;
    if (!identity) throw new AuthError('invalid-token', 'The access token’s user does not exist');
    if (!identity.isActive) throw new AuthError('inactive-user');
    return {
      userId: identity.id,
      role: identity.role,
      organizationId: identity.organizationId,
      via: 'jwt',
      readOnly: false,
    };
  }
}
