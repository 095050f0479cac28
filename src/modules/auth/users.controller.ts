import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from './auth-context';
import { Auth } from './decorators/auth.decorator';
import { CurrentAuth } from './decorators/current-auth.decorator';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto, UserPageDto } from './dto/user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Auth({ roles: ['ADMIN'] })
  @ApiOperation({ summary: 'List users (Admin): search, filter by role or organization, paged' })
  @ApiProblems(400)
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({
    summary: 'Read a user: yourself, a user of an organization you organize, or anyone (Admin)',
  })
  @ApiProblems(400, 404)
  get(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<UserDto> {
    return this.users.get(auth, id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({
    summary: 'Update a profile',
    description:
      'Users change their own name, phone and avatar. Admins may also change the role and organization, and deactivate (`isActive: false`), which stops the user’s tokens from working.',
  })
  @ApiProblems(400, 403, 404, 422)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(auth, id, dto);
  }
}
