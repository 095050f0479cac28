import { IsString, Length, Matches } from 'class-validator';

const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** `/projects/{teamSlug}/{projectSlug}`: an organization's slug and one of its events' slugs. */
export class ProjectParamsDto {
  /** The organization (team) slug. */
  @IsString()
  @Length(1, 100)
  @Matches(SLUG, { message: 'teamSlug must be a slug' })
  teamSlug: string;

  /** The event (project) slug. */
  @IsString()
  @Length(1, 100)
  @Matches(SLUG, { message: 'projectSlug must be a slug' })
  projectSlug: string;
}
