import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { OptionalAuth } from 'src/modules/auth/decorators/public.decorator';
import { CreateEventDto, UpdateEventDto } from './dto/create-event.dto';
import { EventDetailDto, EventDto, EventPageDto } from './dto/event.dto';
import { EventManagerDto } from './dto/event-manager.dto';
import { EventQueryDto } from './dto/event-query.dto';
import { EventsService } from './events.service';
import { ManagersService } from './managers.service';

class ManagerParams extends IdParamDto {
  @IsUUID()
  userId: string;
}

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly managers: ManagersService,
  ) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({
    summary: 'List events',
    description:
      'Public: published events. With credentials, also the events you organize or manage, in any status (filter with `status`).',
  })
  @ApiProblems(400, 401)
  list(
    @CurrentAuth() auth: AuthContext | null,
    @Query() query: EventQueryDto,
  ): Promise<EventPageDto> {
    return this.events.list(auth, query);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({
    summary: 'Read an event (published ones are public; others, their managers only)',
  })
  @ApiProblems(400, 401, 404)
  get(
    @CurrentAuth() auth: AuthContext | null,
    @Param() { id }: IdParamDto,
  ): Promise<EventDetailDto> {
    return this.events.get(auth, id);
  }

  @Post()
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Create an event (Organizers of the organization, Admins)' })
  @ApiProblems(400, 404, 409, 422)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateEventDto): Promise<EventDto> {
    return this.events.create(auth, dto);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ summary: 'Change an event (its organizers, signup managers, Admins)' })
  @ApiProblems(400, 403, 404, 409, 422)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateEventDto,
  ): Promise<EventDto> {
    return this.events.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Delete an event (soft: it disappears from lists and reads)' })
  @ApiProblems(400, 403, 404)
  remove(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<void> {
    return this.events.remove(auth, id);
  }

  @Get(':id/managers')
  @Auth()
  @ApiOperation({ summary: 'The event’s signup managers (visible to whoever manages the event)' })
  @ApiProblems(400, 403, 404)
  listManagers(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
  ): Promise<EventManagerDto[]> {
    return this.managers.list(auth, id);
  }

  @Put(':id/managers/:userId')
  @HttpCode(204)
  @Auth()
  @ApiOperation({
    summary: 'Make a user a signup manager of the event (its organization’s Organizers, Admins)',
    description: 'The user must belong to the event’s organization. Idempotent.',
  })
  @ApiProblems(400, 403, 404, 422)
  appointManager(
    @CurrentAuth() auth: AuthContext,
    @Param() { id, userId }: ManagerParams,
  ): Promise<void> {
    return this.managers.appoint(auth, id, userId);
  }

  @Delete(':id/managers/:userId')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Remove a signup manager (idempotent)' })
  @ApiProblems(400, 403, 404)
  dismissManager(
    @CurrentAuth() auth: AuthContext,
    @Param() { id, userId }: ManagerParams,
  ): Promise<void> {
    return this.managers.dismiss(auth, id, userId);
  }
}
