import { IsUUID } from 'class-validator';

/** `:id` path parameter: a UUID, or a 400 validation problem pointing at it. */
export class IdParamDto {
  @IsUUID()
  id: string;
}
