// The emulator's callback sender against a plain HTTP receiver: the query, Sign and body Tencent sends,
// After is fire-and-forget but logged, Before waits (2 s at most) and returns the reply.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CallbackSender } from '../emulator';

interface Received {
  url: URL;
  contentType?: string;
  body: Record<string, unknown>;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];
let replyWith: (request: Received) => { status: number; body: string; delayMs?: number } = () => ({ status: 200, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}' });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const request: Received = { url: new URL(req.url ?? '/', 'http://x'), contentType: req.headers['content-type'], body: JSON.parse(text) };
      received.push(request);
      const { status, body, delayMs = 0 } = replyWith(request);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/callback`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  replyWith = () => ({ status: 200, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}' });
});

const NOW_MS = Date.now();

describe('CallbackSender', () => {
  it("sends an After callback with Tencent's query, a Sign and the body, and logs the reply", async () => {
    const sender = new CallbackSender({ url: baseUrl, token: 'tok' }, () => NOW_MS);
    sender.forApp(1400000000).after('OfficialAccount.CallbackAfterDeleteSubscriber', {
      Official_Account: '@TOA#_a',
      Operator_Account: 'administrator',
      SubscribeAccountList: [{ Subscriber_Account: 'u1' }],
    });
    await sender.settled();
    expect(received).toHaveLength(1);
    const [{ url, body, contentType }] = received;
    const requestTime = String(Math.floor(NOW_MS / 1000));
    expect(url.pathname).toBe('/webhook/abc/callback');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      SdkAppid: '1400000000',
      CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber',
      contenttype: 'json',
      ClientIP: '127.0.0.1',
      OptPlatform: 'RESTAPI',
      RequestTime: requestTime,
      Sign: createHash('sha256').update(`tok${requestTime}`).digest('hex'),
    });
    expect(contentType).toBe('application/json');
    expect(body).toEqual({
      CallbackCommand: 'OfficialAccount.CallbackAfterDeleteSubscriber',
      Official_Account: '@TOA#_a',
      Operator_Account: 'administrator',
      SubscribeAccountList: [{ Subscriber_Account: 'u1' }],
      EventTime: NOW_MS,
    });
    expect(sender.log).toHaveLength(1);
    expect(sender.log[0]).toMatchObject({ kind: 'after', httpStatus: 200, reply: { ActionStatus: 'OK', ErrorCode: 0 }, signed: true });
    expect(sender.log[0].url).not.toContain('Sign=');
    expect(sender.log[0].repliedAtMs).toBeGreaterThanOrEqual(sender.log[0].sentAtMs);
  });

  it('sends no Sign without a token', async () => {
    const sender = new CallbackSender({ url: baseUrl });
    sender.forApp(1).after('OfficialAccount.CallbackAfterOfficialAccountFull', { Official_Account: '@TOA#_a' });
    await sender.settled();
    expect(received[0].url.searchParams.has('Sign')).toBe(false);
    expect(received[0].url.searchParams.get('RequestTime')).toMatch(/^\d+$/);
  });

  it("waits for a Before callback's reply and returns its JSON", async () => {
    replyWith = () => ({ status: 200, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["jared"]}', delayMs: 100 });
    const sender = new CallbackSender({ url: baseUrl, token: 't' });
    const reply = await sender.forApp(1).before('OfficialAccount.CallbackBeforeAddSubscriber', { SubscribeAccountList: [] });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, RefusedSubscribers_Account: ['jared'] });
    expect(sender.log[0].kind).toBe('before');
  });

  it('gives up on a Before callback after 2 s and returns undefined', async () => {
    replyWith = () => ({ status: 200, body: '{}', delayMs: 2600 });
    const sender = new CallbackSender({ url: baseUrl });
    const reply = await sender.forApp(1).before('OfficialAccount.CallbackBeforeAddSubscriber', {});
    expect(reply).toBeUndefined();
    expect(sender.log[0].error).toBe('timeout');
  });

  it('returns undefined for a refused (401) or non-JSON Before reply', async () => {
    const sender = new CallbackSender({ url: baseUrl });
    replyWith = () => ({ status: 401, body: '{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"Unauthorized"}' });
    expect(await sender.forApp(1).before('OfficialAccount.CallbackBeforeAddSubscriber', {})).toBeUndefined();
    replyWith = () => ({ status: 200, body: 'firstEntryJson' });
    expect(await sender.forApp(1).before('OfficialAccount.CallbackBeforeAddSubscriber', {})).toBeUndefined();
    expect(sender.log.map((record) => record.httpStatus)).toEqual([401, 200]);
    expect(sender.log[1].reply).toBe('firstEntryJson');
  });

  it('sends nothing without a URL, and follows setTarget', async () => {
    const sender = new CallbackSender();
    sender.forApp(1).after('OfficialAccount.CallbackAfterAddSubscriber', {});
    expect(await sender.forApp(1).before('OfficialAccount.CallbackBeforeAddSubscriber', {})).toBeUndefined();
    expect(sender.log).toHaveLength(0);
    sender.setTarget(baseUrl, 'x');
    sender.forApp(1).after('OfficialAccount.CallbackAfterAddSubscriber', {});
    await sender.settled();
    expect(received).toHaveLength(1);
  });
});
