import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from 'src/config/app-config';
import { type AuthContext, ROLES, type Role } from './auth-context';
import { AuthError } from './auth.error';

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
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.secret,
      // Pinned: a token cannot choose `none` or an asymmetric algorithm for itself.
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  validate(claims: Partial<AccessTokenClaims>): AuthContext {
    // jsonwebtoken accepts tokens without `exp`; Turnout never issues one and never accepts one.
    if (typeof claims.exp !== 'number')
      throw new AuthError('invalid-token', 'The access token has no expiry');
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role as Role)) {
      throw new AuthError('invalid-token', 'The access token does not name a user and role');
    }
    return {
      userId: claims.sub,
      role: claims.role as Role,
      organizationId: typeof claims.org === 'string' ? claims.org : null,
      via: 'jwt',
    };
  }
}
