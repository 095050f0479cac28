import { Injectable } from '@nestjs/common';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '@turnout/common/crypto/password';
import type { AuthContext } from './auth-context';
import { AuthError } from './auth.error';
import type { AccessTokenDto } from './dto/access-token.dto';
import type { LoginDto } from './dto/login.dto';
import type { MeDto } from './dto/me.dto';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';
import { normalizeEmail, UsersService } from './users.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(dto: LoginDto, ip: string): Promise<AccessTokenDto> {
    const email = normalizeEmail(dto.email);
    this.throttle.attempt(ip, email);
    const user = await this.users.findForLogin(email);
    // A password is checked whether or not the email exists, so both failures cost the same time.
    const matches = await verifyPassword(
      dto.password,
      user?.passwordHash ?? (await DUMMY_PASSWORD_HASH),
    );
    if (!user || !user.passwordHash || !matches || !user.isActive) {
      throw new AuthError('invalid-credentials');
    }
    this.throttle.succeeded(email);
    return this.tokens.issue({
      userId: user.id,
      role: user.role,
      organizationId: user.organization?.id ?? null,
    });
  }

  async me(auth: AuthContext): Promise<MeDto> {
    return {
      via: auth.via,
      role: auth.role,
      organizationId: auth.organizationId,
      readOnly: auth.readOnly,
      user: auth.userId ? await this.users.get(auth, auth.userId) : null,
      apiKeyId: auth.apiKeyId ?? null,
    };
  }
}
