import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  /** JSON pointer (RFC 6901) to the rejected value, e.g. `/email`; for parameters, the parameter's name. */
  @ApiProperty({ example: '/email' })
  pointer: string;

  /** What is wrong with it. */
  @ApiProperty({ example: 'email must be an email' })
  message: string;

  /** Where the value came from when it is not the body. */
  @ApiPropertyOptional({ enum: ['query', 'path', 'header'] })
  in?: string;
}

/** An RFC 9457 problem: the body of every error response. */
export class ProblemDto {
  /** Stable identifier of the kind of problem; branch on this, not on `title`. */
  @ApiProperty({ example: 'https://turnout.dev/problems/validation' })
  type: string;

  /** Short summary of the kind of problem. */
  @ApiProperty({ example: 'The request is not valid' })
  title: string;

  /** The HTTP status code. */
  @ApiProperty({ example: 400 })
  status: number;

  /** What went wrong with this request. */
  @ApiProperty({ example: '1 value(s) in the request are not valid' })
  detail: string;

  /** The request path. */
  @ApiProperty({ example: '/api/events' })
  instance: string;

  /** The request id, also sent as `X-Request-Id`; quote it when reporting a problem. */
  @ApiProperty({ example: '0b8e5c8e-2f49-4a8f-9d0b-8f1d2b7b3c11' })
  requestId: string;

  /** For validation problems: each rejected value. */
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
