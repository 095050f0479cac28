export const ROLES = ['USER', 'ORGANIZER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, handed to controllers by `@CurrentAuth()` and passed explicitly to services. */
export interface AuthContext {
  /** The user, or null for an API key (it acts for its organization, not for a person). */
  userId: string | null;
  role: Role;
  organizationId: string | null;
  via: 'jwt' | 'api-key';
  /** A read-only API key: safe methods only. */
  readOnly: boolean;
  apiKeyId?: string;
}

export const isAdmin = (auth: AuthContext | null): boolean => auth?.role === 'ADMIN';

/** Organizer (or organizer API key) of this organization, or an Admin. */
export const managesOrganization = (auth: AuthContext | null, organizationId: string): boolean =>
  isAdmin(auth) || (auth?.role === 'ORGANIZER' && auth.organizationId === organizationId);

/** Anyone acting inside this organization, whatever their role, or an Admin. */
export const belongsTo = (auth: AuthContext | null, organizationId: string): boolean =>
  isAdmin(auth) || (auth !== null && auth.organizationId === organizationId);
