import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from 'src/config/app-config';
import type { AuthContext } from './auth-context';
import { AccessTokenDto } from './dto/access-token.dto';

/** Issues Turnout's access tokens (HS256, with issuer, audience and expiry). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  issue(
    subject: Pick<AuthContext, 'userId' | 'role' | 'organizationId'> & { userId: string },
  ): AccessTokenDto {
    const { issuer, audience, ttlSeconds } = this.config.jwt;
    const accessToken = this.jwt.sign(
      { role: subject.role, org: subject.organizationId ?? undefined },
      { subject: subject.userId, issuer, audience, expiresIn: ttlSeconds, algorithm: 'HS256' },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: ttlSeconds };
  }
}
