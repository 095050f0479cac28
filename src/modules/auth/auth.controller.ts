import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from './auth-context';
import { AuthService } from './auth.service';
import { Auth } from './decorators/auth.decorator';
import { CurrentAuth } from './decorators/current-auth.decorator';
import { Public } from './decorators/public.decorator';
import { AccessTokenDto } from './dto/access-token.dto';
import { LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { RegisterDto } from './dto/register.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an account (role USER)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409)
  register(@Body() dto: RegisterDto): Promise<UserDto> {
    return this.users.register(dto);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange an email and password for an access token',
    description:
      'A wrong email and a wrong password get the same 401. Attempts are limited per client address and per email (429 with Retry-After).',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<AccessTokenDto> {
    return this.auth.login(dto, ip);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'Who am I: the caller behind the credentials sent' })
  me(@CurrentAuth() auth: AuthContext): Promise<MeDto> {
    return this.auth.me(auth);
  }
}
