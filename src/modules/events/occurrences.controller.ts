import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { OptionalAuth } from 'src/modules/auth/decorators/public.decorator';
import { CreateOccurrenceDto, OccurrenceDto, UpdateOccurrenceDto } from './dto/occurrence.dto';
import { OccurrencesService } from './occurrences.service';

class EventParams {
  @IsUUID()
  eventId: string;
}

class OccurrenceParams extends EventParams {
  @IsUUID()
  id: string;
}

@ApiTags('events')
@Controller('api/events/:eventId/occurrences')
export class OccurrencesController {
  constructor(private readonly occurrences: OccurrencesService) {}

  @Get()
  @OptionalAuth()
  @ApiOperation({ summary: 'An event’s occurrences, with the seats each holds (`registrations`)' })
  @ApiProblems(400, 401, 404)
  list(
    @CurrentAuth() auth: AuthContext | null,
    @Param() { eventId }: EventParams,
  ): Promise<OccurrenceDto[]> {
    return this.occurrences.list(auth, eventId);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOperation({ summary: 'Read an occurrence' })
  @ApiProblems(400, 401, 404)
  get(
    @CurrentAuth() auth: AuthContext | null,
    @Param() { eventId, id }: OccurrenceParams,
  ): Promise<OccurrenceDto> {
    return this.occurrences.get(auth, eventId, id);
  }

  @Post()
  @Auth()
  @ApiOperation({ summary: 'Add an occurrence (whoever manages the event)' })
  @ApiProblems(400, 403, 404, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param() { eventId }: EventParams,
    @Body() dto: CreateOccurrenceDto,
  ): Promise<OccurrenceDto> {
    return this.occurrences.create(auth, eventId, dto);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({
    summary: 'Change an occurrence; a capacity below the seats held is refused with 409',
  })
  @ApiProblems(400, 403, 404, 409, 422)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { eventId, id }: OccurrenceParams,
    @Body() dto: UpdateOccurrenceDto,
  ): Promise<OccurrenceDto> {
    return this.occurrences.update(auth, eventId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Delete an occurrence without registrations (409 otherwise)' })
  @ApiProblems(400, 403, 404, 409)
  remove(
    @CurrentAuth() auth: AuthContext,
    @Param() { eventId, id }: OccurrenceParams,
  ): Promise<void> {
    return this.occurrences.remove(auth, eventId, id);
  }
}
