export class AccessTokenDto {
  /** A JWT to send as `Authorization: Bearer <accessToken>`. */
  accessToken: string;
  /** Always `Bearer`. */
  tokenType: 'Bearer';
  /** Seconds until the token expires. */
  expiresIn: number;
}
