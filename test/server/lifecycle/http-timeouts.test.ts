import { connect, type Socket } from 'node:net';
import { listenFirst, type BoundServer } from '../../../src/server/listen-first';
import { DEFAULT_HTTP_TIMEOUTS, httpTimeoutsFromEnv } from '../../../src/server/lifecycle/http-timeouts';

/** Slow clients are disconnected after the configured timeouts, so they cannot pile up sockets. */

/** A raw connection to `port`, with what the server sent and when it closed. */
async function rawConnection(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => {});
  const opened = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  return { socket, received: () => received, closed };
}

describe('HTTP timeouts', () => {
  let bound: BoundServer;
  beforeAll(async () => {
    bound = await listenFirst(0, { timeouts: { headersTimeoutMs: 500, requestTimeoutMs: 1500, keepAliveTimeoutMs: 300 } });
    // Answers once the whole body has come, as the app does.
    bound.serve((request, response) => {
      request.resume();
      request.on('end', () => response.end('ok'));
    });
  });
  afterAll(() => new Promise((resolve) => bound.http.close(resolve)));

  it('disconnects a client that sends part of its headers and then nothing, after the headers timeout', async () => {
    const client = await rawConnection(bound.port);
    client.socket.write('GET /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    const after = await client.closed;
    expect(after).toBeGreaterThanOrEqual(450);
    // Checked about every headersTimeoutMs (at most every second): well before Node's 60 s default.
    expect(after).toBeLessThan(3000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('disconnects a client whose headers came but whose body never ends, after the request timeout', async () => {
    const client = await rawConnection(bound.port);
    client.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{"query":');
    const after = await client.closed;
    expect(after).toBeGreaterThanOrEqual(1400);
    expect(after).toBeLessThan(5000);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const client = await rawConnection(bound.port);
    client.socket.write('GET /anything HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const after = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*Connection: keep-alive[\s\S]*ok$/);
    expect(after).toBeGreaterThanOrEqual(250);
    // Node keeps the socket up to a second past the advertised timeout.
    expect(after).toBeLessThan(3000);
  });
});

describe('httpTimeoutsFromEnv', () => {
  it('has documented defaults and reads each variable', () => {
    expect(httpTimeoutsFromEnv({})).toEqual(DEFAULT_HTTP_TIMEOUTS);
    expect(DEFAULT_HTTP_TIMEOUTS).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(httpTimeoutsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: ' 4000 ', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' })).toEqual({
      headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 65_000,
    });
  });

  it('names every bad value at once', () => {
    expect(() => httpTimeoutsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '0', HTTP_KEEP_ALIVE_TIMEOUT_MS: '5s' })).toThrow(
      'HTTP_HEADERS_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000 (e.g. 10000) but got: "0". ' +
        'HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000 (e.g. 5000) but got: "5s".',
    );
    expect(() => httpTimeoutsFromEnv({ HTTP_REQUEST_TIMEOUT_MS: '86400001' })).toThrow('HTTP_REQUEST_TIMEOUT_MS must be a whole number');
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => httpTimeoutsFromEnv({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      'HTTP_HEADERS_TIMEOUT_MS (20000) must not exceed HTTP_REQUEST_TIMEOUT_MS (10000): the headers are part of the request.',
    );
  });
});
