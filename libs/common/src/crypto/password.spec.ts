import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const phc = await hashPassword('correct horse battery staple');

    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword('correct horse battery staple', phc)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', phc)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses a malformed stored hash rather than throwing', async () => {
    await expect(verifyPassword('x', 'plain-text-password')).resolves.toBe(false);
  });
});
