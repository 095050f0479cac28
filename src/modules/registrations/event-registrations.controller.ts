import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import {
  CreateEventRegistrationDto,
  EventRegistrationDto,
  EventRegistrationQueryDto,
  TrashedQueryDto,
  UpdateEventRegistrationDto,
} from './dto/event-registration.dto';
import { EventRegistrationsService } from './event-registrations.service';

/** RFC 8288 `Link` header for a page: first, prev, next, last, keeping the other query parameters. */
function pageLinks(request: FastifyRequest, page: number, limit: number, total: number): string {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  const last = Math.max(1, Math.ceil(total / limit));
  const link = (target: number, rel: string) => {
    url.searchParams.set('page', String(target));
    url.searchParams.set('limit', String(limit));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  return [
    link(1, 'first'),
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next')] : []),
    link(last, 'last'),
  ].join(', ');
}

@ApiTags('event-registrations')
@Controller('api/v1/event-registrations')
export class EventRegistrationsController {
  constructor(private readonly registrations: EventRegistrationsService) {}

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Register an external user for an occurrence',
    description:
      'The user is found by `externalUserId` in the event’s organization, or created from `fields.email`, `firstName`, `lastName`, `phone`. A full occurrence gives WAITING_LIST (201, see `status`), or 409 `event-full` when its event has no waiting list. Callers: an organization API key, or an Organizer, signup manager or Admin who manages the event.',
  })
  @ApiProblems(400, 403, 404, 409)
  create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateEventRegistrationDto,
  ): Promise<EventRegistrationDto> {
    return this.registrations.create(auth, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'Search registrations',
    description:
      'An array of registrations of the events you manage. Paging: `X-Total-Count` has the total and `Link` the first, prev, next and last pages.',
  })
  @ApiHeader({
    name: 'X-Total-Count',
    description: 'Registrations matching, across pages (response header)',
  })
  @ApiOkResponse({ type: [EventRegistrationDto] })
  @ApiProblems(400)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: EventRegistrationQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventRegistrationDto[]> {
    const { items, total } = await this.registrations.list(auth, query);
    void reply.header('x-total-count', String(total));
    void reply.header('link', pageLinks(request, query.page, query.limit, total));
    return items;
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Read a registration (deleted ones with withTrashed=true)' })
  @ApiProblems(400, 404)
  get(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Query() { withTrashed }: TrashedQueryDto,
  ): Promise<EventRegistrationDto> {
    return this.registrations.get(auth, id, withTrashed);
  }

  @Put(':id')
  @Auth()
  @ApiOperation({
    summary: 'Change a registration’s status and/or fields (fields are replaced as given)',
    description:
      'Status changes follow the lifecycle (409 `invalid-transition` names both states). Moving into PENDING or CONFIRMED takes a seat (409 `event-full` if none); leaving one promotes the next on the waiting list.',
  })
  @ApiProblems(400, 403, 404, 409)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateEventRegistrationDto,
  ): Promise<EventRegistrationDto> {
    return this.registrations.update(auth, id, dto);
  }

  @Delete(':id')
  @Auth()
  @ApiOperation({
    summary: 'Delete a registration (soft) and answer it',
    description:
      'Sets `deletedAt` and frees the seat, which goes to the next on the waiting list. Deleting an already deleted registration answers it unchanged with `withTrashed=true`, and 404 without.',
  })
  @ApiProblems(400, 403, 404)
  remove(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Query() { withTrashed }: TrashedQueryDto,
  ): Promise<EventRegistrationDto> {
    return this.registrations.remove(auth, id, withTrashed);
  }
}
