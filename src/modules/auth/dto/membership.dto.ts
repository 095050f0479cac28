/** A membership (tier or plan) over a period; the active one is the one whose period contains now. */
export class MembershipDto {
  id: string;
  /** The tier or plan. */
  name: string;
  startsAt: Date;
  /** Null: open-ended. */
  endsAt: Date | null;
}
