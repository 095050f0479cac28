/** A signup manager of an event. */
export class EventManagerDto {
  userId: string;
  name: string | null;
  email: string | null;
  /** When they were made a manager. */
  since: Date;
}
