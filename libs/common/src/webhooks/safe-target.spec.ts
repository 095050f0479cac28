import { type LookupAddress } from 'node:dns';
import { isForbiddenAddress, safeLookup, validateWebhookUrl } from './safe-target';

describe('isForbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'IPv6 loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'IPv6 unspecified'],
    ['0.1.2.3', '"this network"'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fd00:ec2::254', 'AWS IPv6 metadata'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'IPv6 multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.0.8', 'IETF protocol assignment'],
    ['fec0::1', 'site-local'],
    ['100::1', 'discard-only'],
    ['2001::1', 'Teredo'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped metadata, uncompressed'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::7f00:1', 'IPv4-compatible loopback, hex'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::192.168.0.1', 'NAT64 of a private address'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:c0a8:101::1', '6to4 of a private address'],
    ['localhost', 'not an IP at all'],
    ['', 'empty'],
  ])('forbids %s (%s)', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '11.0.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
  ])('allows the public address %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});

describe('validateWebhookUrl', () => {
  const strict = { allowHttp: false, allowPrivateNetworks: false };
  const lax = { allowHttp: true, allowPrivateNetworks: true };

  it('accepts a public https URL', () => {
    expect(validateWebhookUrl('https://hooks.example.com/turnout?token=abc', strict)).toBeNull();
    expect(validateWebhookUrl('https://8.8.8.8:8443/hook', strict)).toBeNull();
    expect(validateWebhookUrl('https://[2606:4700:4700::1111]/hook', strict)).toBeNull();
  });

  it.each([
    ['not a url', 'URL is not valid'],
    ['/relative/path', 'URL is not valid'],
    ['https://', 'URL is not valid'],
    ['http://hooks.example.com/', 'URL must use https'],
    ['ftp://hooks.example.com/', 'URL must use https'],
    ['javascript:alert(1)', 'URL must use https'],
    ['https://user:secret@hooks.example.com/', 'URL must not contain credentials'],
    ['https://user@hooks.example.com/', 'URL must not contain credentials'],
    ['https://127.0.0.1/', 'URL points to 127.0.0.1, a private or reserved address'],
    ['https://2130706433/', 'URL points to 127.0.0.1, a private or reserved address'],
    ['https://0x7f.1/', 'URL points to 127.0.0.1, a private or reserved address'],
    ['https://169.254.169.254/latest/meta-data', 'URL points to 169.254.169.254'],
    ['https://[::1]/', 'URL points to ::1'],
    ['https://[::ffff:127.0.0.1]/', 'URL points to ::ffff:7f00:1'],
    ['https://10.0.0.5:8443/', 'URL points to 10.0.0.5'],
    ['https://localhost/', 'URL points to localhost'],
    ['https://api.localhost./', 'URL points to localhost'],
    [`https://hooks.example.com/${'a'.repeat(2000)}`, 'URL is longer than 2000 characters'],
  ])('refuses %s', (url, reason) => {
    expect(validateWebhookUrl(url, strict)).toContain(reason);
  });

  it('allows http and private targets only when told to', () => {
    expect(
      validateWebhookUrl('http://hooks.example.com/', { ...strict, allowHttp: true }),
    ).toBeNull();
    expect(validateWebhookUrl('ftp://hooks.example.com/', lax)).toBe('URL must use https or http');
    expect(validateWebhookUrl('http://127.0.0.1:3000/hook', lax)).toBeNull();
    expect(validateWebhookUrl('http://localhost:3000/hook', lax)).toBeNull();
    expect(validateWebhookUrl('http://u:p@localhost:3000/hook', lax)).toBe(
      'URL must not contain credentials',
    );
  });
});

describe('safeLookup', () => {
  function resolve(allowPrivateNetworks: boolean, all: boolean) {
    return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) =>
      safeLookup(allowPrivateNetworks)('localhost', { all }, (error, address) =>
        done({ error, address }),
      ),
    );
  }

  it('refuses a name that resolves to a loopback address', async () => {
    for (const all of [false, true]) {
      const { error } = await resolve(false, all);

      expect(error?.code).toBe('EFORBIDDENTARGET');
      expect(error?.message).toMatch(
        /^localhost resolves to (127\.0\.0\.1|::1), which is a private or reserved address$/,
      );
    }
  });

  it('answers like dns.lookup when private networks are allowed', async () => {
    const one = await resolve(true, false);
    const every = await resolve(true, true);

    expect(one.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(one.address);
    expect((every.address as LookupAddress[]).map(({ address }) => address)).toContain(one.address);
  });

  it('passes resolution failures through', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((done) =>
      safeLookup(false)('no-such-host.invalid', {}, (failure) => done(failure)),
    );

    expect(error?.code).toBe('ENOTFOUND');
  });
});
