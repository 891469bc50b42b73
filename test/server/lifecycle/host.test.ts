import { listenFirst, PortUnavailableError } from '../../../src/server/listen-first';
import { hostFromEnv, urlHostFor } from '../../../src/server/lifecycle/host';
import { startupBanner } from '../../../src/server/startup-banner';

/** HOST: the bind address, validated at start-up, and the address the banner prints. */

describe('hostFromEnv', () => {
  it('leaves the address to Node (every interface) when unset or blank', () => {
    expect(hostFromEnv({})).toBeUndefined();
    expect(hostFromEnv({ HOST: '  ' })).toBeUndefined();
  });

  it('takes IPv4 and IPv6 addresses (brackets optional) and host names', () => {
    expect(hostFromEnv({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
    expect(hostFromEnv({ HOST: ' 127.0.0.1 ' })).toBe('127.0.0.1');
    expect(hostFromEnv({ HOST: '::' })).toBe('::');
    expect(hostFromEnv({ HOST: '[::1]' })).toBe('::1');
    expect(hostFromEnv({ HOST: 'localhost' })).toBe('localhost');
    expect(hostFromEnv({ HOST: 'api.internal' })).toBe('api.internal');
  });

  it('refuses anything else, naming the value', () => {
    for (const bad of ['http://localhost', 'localhost:4000', '256.1.1.1', '10.0.0', 'a b', '-bad.example']) {
      expect(() => hostFromEnv({ HOST: bad })).toThrow(
        `HOST must be an IP address (e.g. 0.0.0.0, 127.0.0.1, ::) or a host name (e.g. localhost) but got: ${JSON.stringify(bad)}.`,
      );
    }
  });
});

describe('the banner address', () => {
  it('is localhost for every interface, the address itself otherwise, IPv6 in brackets', () => {
    expect([undefined, '0.0.0.0', '::'].map(urlHostFor)).toEqual(['localhost', 'localhost', 'localhost']);
    expect(urlHostFor('127.0.0.1')).toBe('127.0.0.1');
    expect(urlHostFor('::1')).toBe('[::1]');
    expect(urlHostFor('api.internal')).toBe('api.internal');
    const banner = startupBanner({ port: 4000, host: '::1', database: 'd', tokens: { kind: 'shared-secret' } });
    expect(banner.trimEnd().split('\n').at(-1)).toBe('GraphiQL: http://[::1]:4000/graphql  (database: d; / redirects there)');
  });
});

describe('listenFirst on HOST', () => {
  it('binds that address only', async () => {
    const bound = await listenFirst(0, { host: '127.0.0.1' });
    try {
      expect(bound.host).toBe('127.0.0.1');
      expect(bound.http.address()).toMatchObject({ address: '127.0.0.1', port: bound.port });
      expect((await fetch(`http://127.0.0.1:${bound.port}/health`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => bound.http.close(resolve));
    }
  });

  it('refuses an address that is not this machine\'s, in one line', async () => {
    // 192.0.2.0/24 is reserved for documentation: never a local address.
    const refused = listenFirst(0, { host: '192.0.2.1' });
    await expect(refused).rejects.toBeInstanceOf(PortUnavailableError);
    await expect(refused).rejects.toThrow('HOST 192.0.2.1 is not an address of this machine: set HOST to one of its addresses, or unset it for every interface.');
  });
});
