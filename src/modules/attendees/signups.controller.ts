import { Controller, Get, Header, Param, Query, Req, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiJsonApiErrors } from '@turnout/common/jsonapi/api-json-api-errors.decorator';
import { JSON_API_MEDIA_TYPE } from '@turnout/common/jsonapi/document';
import { JsonApiErrorFilter } from '@turnout/common/jsonapi/json-api-error.filter';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import {
  OffsetPageQueryDto,
  SignupAssociationParamsDto,
  SignupAttendeeParamsDto,
  SignupAttendeeQueryDto,
  SignupParamsDto,
  SparseQueryDto,
} from './dto/signups.dto';
import type { AttendeeRelationship } from './planning-center.mapper';
import { SignupsService } from './signups.service';

const SCOPE =
  'Organization admins (Admins, the organization’s organizers and API keys) see every signup of their organization and all its attendees; signup managers only the signups they manage. For anyone else they do not exist (404). Responses and errors are JSON:API (`application/vnd.api+json`).';
const DOCUMENT = { schema: { type: 'object', additionalProperties: true } };

/**
 * Seed 001: Planning Center Registrations' signups and attendees, as JSON:API 1.0. Each route puts
 * `@ApiJsonApiErrors` above `@Auth()` so that its 401 is documented as the JSON:API error it is.
 */
@ApiTags('signups')
@ApiProduces(JSON_API_MEDIA_TYPE)
@UseFilters(JsonApiErrorFilter)
@Controller('registrations/v2/signups')
export class SignupsController {
  constructor(private readonly signups: SignupsService) {}

  @Get()
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({
    summary: 'List the signups (events) you may see',
    description: `\`per_page\` (1–100, default 25) and \`offset\`; newest first. ${SCOPE}`,
  })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: OffsetPageQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.signups.listSignups(auth, query, request.url);
  }

  @Get(':signup_id')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({ summary: 'Read a signup', description: SCOPE })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  get(@CurrentAuth() auth: AuthContext, @Param() { signup_id }: SignupParamsDto) {
    return this.signups.getSignup(auth, signup_id);
  }

  @Get(':signup_id/attendees')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({
    summary: 'List a signup’s attendees',
    description: `\`per_page\` (1–100, default 25), \`offset\`; \`order\` (created_at, -created_at, waitlisted_at, -waitlisted_at); \`filter\` (active, canceled, waitlist; comma-separated filters must all hold); \`include\` (emergency_contact, person, registration, selection_type); sparse fieldsets \`fields[Type]=a,b\` (\`complete\` only when asked for with \`fields[Attendee]\`). An unknown include, field, filter or order is a 400. ${SCOPE}`,
  })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  listAttendees(
    @CurrentAuth() auth: AuthContext,
    @Param() { signup_id }: SignupParamsDto,
    @Query() query: SignupAttendeeQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.signups.listAttendees(auth, signup_id, query, request.url);
  }

  @Get(':signup_id/attendees/:id')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({ summary: 'Read an attendee', description: SCOPE })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  getAttendee(
    @CurrentAuth() auth: AuthContext,
    @Param() { signup_id, id }: SignupAttendeeParamsDto,
    @Query() query: SparseQueryDto,
  ) {
    return this.signups.getAttendee(auth, signup_id, id, query);
  }

  @Get(':signup_id/attendees/:attendee_id/emergency_contact')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({
    summary: 'An attendee’s emergency contact (`data: null` when none)',
    description: SCOPE,
  })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  emergencyContact(
    @CurrentAuth() auth: AuthContext,
    @Param() params: SignupAssociationParamsDto,
    @Query() query: SparseQueryDto,
  ) {
    return this.association(auth, params, 'emergency_contact', query);
  }

  @Get(':signup_id/attendees/:attendee_id/person')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({ summary: 'The person an attendee is', description: SCOPE })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  person(
    @CurrentAuth() auth: AuthContext,
    @Param() params: SignupAssociationParamsDto,
    @Query() query: SparseQueryDto,
  ) {
    return this.association(auth, params, 'person', query);
  }

  @Get(':signup_id/attendees/:attendee_id/registration')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({
    summary: 'The registration (booking) an attendee belongs to',
    description: SCOPE,
  })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  registration(
    @CurrentAuth() auth: AuthContext,
    @Param() params: SignupAssociationParamsDto,
    @Query() query: SparseQueryDto,
  ) {
    return this.association(auth, params, 'registration', query);
  }

  @Get(':signup_id/attendees/:attendee_id/selection_type')
  @ApiJsonApiErrors(400, 401, 404)
  @Auth()
  @Header('content-type', JSON_API_MEDIA_TYPE)
  @ApiOperation({
    summary: 'An attendee’s selection type (attendee type; `data: null` when none)',
    description: SCOPE,
  })
  @ApiOkResponse({ content: { [JSON_API_MEDIA_TYPE]: DOCUMENT } })
  selectionType(
    @CurrentAuth() auth: AuthContext,
    @Param() params: SignupAssociationParamsDto,
    @Query() query: SparseQueryDto,
  ) {
    return this.association(auth, params, 'selection_type', query);
  }

  private association(
    auth: AuthContext,
    { signup_id, attendee_id }: SignupAssociationParamsDto,
    name: AttendeeRelationship,
    query: SparseQueryDto,
  ) {
    return this.signups.association(auth, signup_id, attendee_id, name, query);
  }
}
