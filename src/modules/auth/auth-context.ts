export const ROLES = ['USER', 'ORGANIZER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, handed to controllers by `@CurrentAuth()` and passed explicitly to services. */
export interface AuthContext {
  userId: string;
  role: Role;
  organizationId: string | null;
  via: 'jwt' | 'api-key';
}
