import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from './auth-context';
import { Auth } from './decorators/auth.decorator';
import { CurrentAuth } from './decorators/current-auth.decorator';
import { CreateMembershipDto, UpdateMembershipDto } from './dto/create-membership.dto';
import { MembershipDto } from './dto/membership.dto';
import { MembershipsService } from './memberships.service';

class UserParams {
  @IsUUID()
  userId: string;
}

class MembershipParams extends UserParams {
  @IsUUID()
  membershipId: string;
}

@ApiTags('users')
@Controller('api/users/:userId/memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'A user’s memberships (the user, Organizers of their organization, Admins)',
  })
  @ApiProblems(400, 404)
  list(
    @CurrentAuth() auth: AuthContext,
    @Param() { userId }: UserParams,
  ): Promise<MembershipDto[]> {
    return this.memberships.list(auth, userId);
  }

  @Post()
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Add a membership (Organizers of the user’s organization, Admins)' })
  @ApiProblems(400, 404, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param() { userId }: UserParams,
    @Body() dto: CreateMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.create(auth, userId, dto);
  }

  @Patch(':membershipId')
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Change a membership' })
  @ApiProblems(400, 404, 422)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { userId, membershipId }: MembershipParams,
    @Body() dto: UpdateMembershipDto,
  ): Promise<MembershipDto> {
    return this.memberships.update(auth, userId, membershipId, dto);
  }

  @Delete(':membershipId')
  @HttpCode(204)
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Remove a membership' })
  @ApiProblems(400, 404)
  remove(
    @CurrentAuth() auth: AuthContext,
    @Param() { userId, membershipId }: MembershipParams,
  ): Promise<void> {
    return this.memberships.remove(auth, userId, membershipId);
  }
}
