import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from './auth-context';
import { Auth } from './decorators/auth.decorator';
import { CurrentAuth } from './decorators/current-auth.decorator';
import { CallerDto } from './dto/caller.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'Who am I: the caller behind the credentials sent' })
  me(@CurrentAuth() auth: AuthContext): CallerDto {
    return {
      userId: auth.userId,
      role: auth.role,
      organizationId: auth.organizationId,
      via: auth.via,
    };
  }
}
