// Tests of the local Tencent Chat REST emulator over real HTTP (undici), signing with the
// test-side signer only, so nothing here depends on the product code under test elsewhere.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { inflateSync } from 'node:zlib';
import { Agent, request } from 'undici';
import type { EmulatorApp, EmulatorOptions, TencentChatEmulator } from './emulator';
import {
  DEFAULT_APP,
  decodeUserSig,
  maxArrivalsInWindow,
  signUserSigForTests,
  startEmulator,
  userSigHmac,
  verifyUserSig,
} from './emulator';

const APP_ID = DEFAULT_APP.sdkAppId;
const KEY = DEFAULT_APP.secretKey;
const ADMIN = 'administrator';
const NEWS = '@TOA#_news';
const DELETE = 'official_account_open_http_svc/delete_subscriber';
const ADD = 'official_account_open_http_svc/add_subscriber';
const GET_SUBSCRIBERS = 'official_account_open_http_svc/get_subscriber_info';
const ACCOUNT_CHECK = 'im_open_login_svc/account_check';
const OTHER_APP: EmulatorApp = { sdkAppId: 1400000001, secretKey: 'another-app-secret-key', admins: ['boss'] };

/** Frozen clock for expiry tests; real time would make 70001 checks slow or flaky. */
const CLOCK_START_MS = 1_700_000_000_000;
let clockMs = CLOCK_START_MS;
const nowSeconds = (): number => Math.floor(clockMs / 1000);

const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 300 });
let emulator: TencentChatEmulator;

function users(from: number, to: number): string[] {
  const ids: string[] = [];
  for (let n = from; n <= to; n++) ids.push(`user${String(n).padStart(3, '0')}`);
  return ids;
}

async function startTestEmulator(overrides: EmulatorOptions = {}): Promise<TencentChatEmulator> {
  return startEmulator({
    apps: [DEFAULT_APP, OTHER_APP],
    accounts: [{ sdkAppId: APP_ID, officialAccount: NEWS, subscribers: users(1, 5) }],
    nowMs: () => clockMs,
    ...overrides,
  });
}

interface CallOptions {
  sdkAppId?: number;
  identifier?: string;
  /** Overrides the signed UserSig. */
  userSig?: string;
  /** Extra or replacement query parameters; undefined removes one. */
  query?: Record<string, string | undefined>;
  method?: 'POST' | 'GET';
  /** A raw body text instead of JSON.stringify(body). */
  rawBody?: string;
  target?: TencentChatEmulator;
}

interface ApiReply {
  status: number;
  contentType: string | undefined;
  text: string;
  json: Record<string, unknown>;
}

function apiUrl(command: string, options: CallOptions): string {
  const sdkAppId = options.sdkAppId ?? APP_ID;
  const identifier = options.identifier ?? ADMIN;
  const key = sdkAppId === OTHER_APP.sdkAppId ? OTHER_APP.secretKey : KEY;
  const params: Record<string, string | undefined> = {
    sdkappid: String(sdkAppId),
    identifier,
    usersig: options.userSig ?? signUserSigForTests(sdkAppId, key, identifier, 86400, nowSeconds()),
    random: '99999999',
    contenttype: 'json',
    ...options.query,
  };
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `${(options.target ?? emulator).url}/v4/${command}?${query}`;
}

async function call(command: string, body: unknown, options: CallOptions = {}): Promise<ApiReply> {
  const response = await request(apiUrl(command, options), {
    method: options.method ?? 'POST',
    body: options.method === 'GET' ? undefined : options.rawBody ?? JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    dispatcher,
  });
  const text = await response.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Non-JSON replies (502) are asserted through `text`.
  }
  const contentType = response.headers['content-type'];
  return { status: response.statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType, text, json };
}

/** Fails fast with a clear message instead of hitting the jest timeout when something hangs. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function deleteBody(ids: string[], account = NEWS): unknown {
  return { Official_Account: account, SubscriberToDel_Account: ids };
}

function results(reply: ApiReply): Array<[string, number]> {
  const list = reply.json.SubscriberList as Array<{ Subscriber_Account: string; Result: number }>;
  return list.map((item) => [item.Subscriber_Account, item.Result]);
}

beforeEach(async () => {
  clockMs = CLOCK_START_MS;
  emulator = await startTestEmulator();
});

afterEach(async () => {
  await emulator.stop();
});

afterAll(async () => {
  await dispatcher.close();
});

describe('UserSig signing and verification (shared doc vectors)', () => {
  const vectorAJson =
    '{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.time":1700000000,"TLS.expire":86400,"TLS.sig":"yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60="}';
  const vectorAUserSig =
    'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCxKVbKyMDOBCRVnpitZKVX6OKZql5uHh6aGlhYmhVlm6IdEmFuUGhnmh7hnamdaRhUYlhoHFORFmhnYKtUCAK0SM5I_';

  it('computes the vector A and B HMACs with the key as UTF-8 bytes', () => {
    expect(userSigHmac(KEY, 'administrator', APP_ID, 1700000000, 86400)).toBe('yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=');
    expect(userSigHmac(KEY, 'xiaojun', APP_ID, 1700000000, 15552000)).toBe('LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=');
  });

  it('signs vector A to the reference JSON and verifies it', () => {
    const userSig = signUserSigForTests(APP_ID, KEY, 'administrator', 86400, 1700000000);
    const standardBase64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
    expect(inflateSync(Buffer.from(standardBase64, 'base64')).toString('utf8')).toBe(vectorAJson);
    expect(decodeUserSig(userSig)['TLS.sig']).toBe('yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=');
    const input = { userSig, sdkAppId: APP_ID, identifier: 'administrator', secretKey: KEY };
    expect(verifyUserSig({ ...input, nowSeconds: 1700000000 + 86400 }).ok).toBe(true);
    expect(verifyUserSig({ ...input, nowSeconds: 1700000000 + 86401 })).toMatchObject({ ok: false, errorCode: 70001 });
    expect(verifyUserSig({ ...input, nowSeconds: 1700000000, secretKey: `${KEY}x` })).toMatchObject({ ok: false, errorCode: 70009 });
    expect(verifyUserSig({ ...input, nowSeconds: 1700000000, identifier: 'xiaojun' })).toMatchObject({ ok: false, errorCode: 70013 });
    expect(verifyUserSig({ ...input, nowSeconds: 1700000000, sdkAppId: 1400000001 })).toMatchObject({ ok: false, errorCode: 70014 });
    // The published full string is specific to Node's bundled zlib (see the shared doc, section 4.4).
    if (process.versions.zlib === '1.3.1-e00f703') expect(userSig).toBe(vectorAUserSig);
  });

  it('verifies the published vector A string and rejects a tampered signature', () => {
    const input = { sdkAppId: APP_ID, identifier: 'administrator', secretKey: KEY, nowSeconds: 1700000000 };
    expect(verifyUserSig({ ...input, userSig: vectorAUserSig }).ok).toBe(true);
    const tampered = signUserSigForTests(APP_ID, KEY, 'administrator', 86401, 1700000000).slice(0, -4);
    expect(verifyUserSig({ ...input, userSig: tampered })).toMatchObject({ ok: false, errorCode: 70003 });
    expect(verifyUserSig({ ...input, userSig: 'not a sig!' })).toMatchObject({ ok: false, errorCode: 70003 });
  });
});

describe('maxArrivalsInWindow', () => {
  it('counts arrivals in half-open windows [t, t + window)', () => {
    expect(maxArrivalsInWindow([], 1000)).toBe(0);
    expect(maxArrivalsInWindow([0, 1000], 1000)).toBe(1);
    expect(maxArrivalsInWindow([0, 999.9], 1000)).toBe(2);
    expect(maxArrivalsInWindow([5000, 0, 10, 20, 1005, 1010, 1015, 1019], 1000)).toBe(5);
  });
});

describe('authentication and request-line checks', () => {
  it('accepts a signed admin call and records it without the UserSig', async () => {
    const userSig = signUserSigForTests(APP_ID, KEY, ADMIN, 86400, nowSeconds());
    const reply = await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'user001' }, { UserID: ADMIN }, { UserID: 'nobody' }] }, { userSig });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('application/json');
    expect(reply.json).toEqual({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      ResultItem: [
        { UserID: 'user001', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
        { UserID: ADMIN, ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
        { UserID: 'nobody', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
      ],
    });
    const [record] = emulator.calls;
    expect(record).toMatchObject({
      seq: 1,
      method: 'POST',
      path: `/v4/${ACCOUNT_CHECK}`,
      command: ACCOUNT_CHECK,
      sdkAppId: APP_ID,
      identifier: ADMIN,
      random: '99999999',
      contenttype: 'json',
      body: { CheckItem: [{ UserID: 'user001' }, { UserID: ADMIN }, { UserID: 'nobody' }] },
      outcome: 'ok',
      httpStatus: 200,
      errorCode: 0,
      reply: reply.json,
    });
    expect(record?.repliedAtMs).toBeGreaterThanOrEqual(record?.atMs ?? Infinity);
    expect(JSON.stringify(emulator.calls)).not.toContain(userSig);
  });

  it.each([
    ['a UserSig signed with another key', { userSig: signUserSigForTests(APP_ID, 'wrong-key', ADMIN, 86400, 1700000000) }, 70009],
    ['an identifier that differs from the signed one', { userSig: signUserSigForTests(APP_ID, KEY, 'someone', 86400, 1700000000) }, 70013],
    ['a UserSig of another SDKAppID', { userSig: signUserSigForTests(OTHER_APP.sdkAppId, OTHER_APP.secretKey, ADMIN, 86400, 1700000000) }, 70014],
    ['a non-admin identifier', { identifier: 'user001' }, 60010],
    ['an unknown sdkappid', { sdkAppId: 1499999999 }, 70020],
    ['a garbage UserSig', { userSig: 'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl' }, 70003],
  ] as Array<[string, CallOptions, number]>)('rejects %s', async (_name, options, errorCode) => {
    const reply = await call(DELETE, deleteBody(['user001']), options);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: errorCode });
    expect(typeof reply.json.ErrorInfo).toBe('string');
    if (options.userSig) expect(reply.text).not.toContain(options.userSig);
    expect(emulator.subscribers(APP_ID, NEWS)).toContain('user001');
    expect(emulator.calls[0]).toMatchObject({ outcome: 'error', errorCode });
  });

  it('rejects an expired UserSig with 70001 once the clock passes time + expire', async () => {
    const userSig = signUserSigForTests(APP_ID, KEY, ADMIN, 60, nowSeconds());
    clockMs += 60_000;
    expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { userSig })).json.ErrorCode).toBe(0);
    clockMs += 1_000;
    expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { userSig })).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70001 });
  });

  it.each([
    ['GET', { method: 'GET' }, 60002],
    ['missing sdkappid', { query: { sdkappid: undefined } }, 60012],
    ['missing identifier', { query: { identifier: undefined } }, 60004],
    ['missing usersig', { query: { usersig: undefined } }, 60004],
    ['contenttype other than json', { query: { contenttype: 'xml' } }, 60002],
    ['random above 2^32-1', { query: { random: '4294967296' } }, 60002],
    ['non-numeric random', { query: { random: 'abc' } }, 60002],
    ['a body that is not JSON', { rawBody: '{"Official_Account":' }, 60003],
  ] as Array<[string, CallOptions, number]>)('rejects %s', async (_name, options, errorCode) => {
    const reply = await call(DELETE, deleteBody(['user001']), options);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: errorCode });
    expect(emulator.subscribers(APP_ID, NEWS)).toContain('user001');
  });

  it('answers an unknown path with 60009', async () => {
    expect((await call('official_account_open_http_svc/delete_subscribers', deleteBody(['user001']))).json.ErrorCode).toBe(60009);
    expect(emulator.calls[0]?.command).toBe('official_account_open_http_svc/delete_subscribers');
  });
});

describe('official account commands', () => {
  it('deletes subscribers with Result 1 (removed) and 2 (not subscribed), in request order', async () => {
    const reply = await call(DELETE, deleteBody(['user003', 'ghost', 'user001', 'user003']));
    expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(results(reply)).toEqual([
      ['user003', 1],
      ['ghost', 2],
      ['user001', 1],
      ['user003', 2],
    ]);
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(['user002', 'user004', 'user005']);
  });

  it('accepts exactly maxIdsPerCall ids and rejects one more with 6017, changing nothing', async () => {
    emulator.addSubscribers(APP_ID, NEWS, users(6, 200));
    const tooMany = await call(DELETE, deleteBody(users(1, 101)));
    expect(tooMany.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 6017 });
    expect(tooMany.json.ErrorInfo).toMatch(/\b100\b/);
    expect(emulator.subscribers(APP_ID, NEWS)).toHaveLength(200);
    const atLimit = await call(DELETE, deleteBody(users(1, 100)));
    expect(atLimit.json.ErrorCode).toBe(0);
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(users(101, 200));
    expect((await call(DELETE, deleteBody([]))).json.ErrorCode).toBe(6017);
  });

  it('honours a smaller maxIdsPerCall', async () => {
    const small = await startTestEmulator({ maxIdsPerCall: 2 });
    try {
      expect((await call(DELETE, deleteBody(users(1, 3)), { target: small })).json.ErrorCode).toBe(6017);
      expect((await call(DELETE, deleteBody(users(1, 2)), { target: small })).json.ErrorCode).toBe(0);
    } finally {
      await small.stop();
    }
  });

  it('reports an unknown official account with 130004 and a malformed ID with 130007', async () => {
    expect((await call(DELETE, deleteBody(['user001'], '@TOA#_nope'))).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 130004 });
    // The account exists in DEFAULT_APP only, so the other app does not see it.
    expect((await call(DELETE, deleteBody(['user001']), { sdkAppId: OTHER_APP.sdkAppId, identifier: 'boss' })).json.ErrorCode).toBe(130004);
    expect((await call(DELETE, deleteBody(['user001'], 'news'))).json.ErrorCode).toBe(130007);
  });

  it.each([
    ['the add_subscriber field name', { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: 'user001' }] }],
    ['numeric ids', { Official_Account: NEWS, SubscriberToDel_Account: [1, 2] }],
    ['a single id instead of an array', { Official_Account: NEWS, SubscriberToDel_Account: 'user001' }],
    ['a numeric account', { Official_Account: 42, SubscriberToDel_Account: ['user001'] }],
    ['a JSON array body', [NEWS, 'user001']],
  ])('rejects a delete body with %s as 20001', async (_name, body) => {
    const reply = await call(DELETE, body);
    expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 20001 });
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(users(1, 5));
  });

  it('adds subscribers with Result 1 (added) and 2 (already subscribed)', async () => {
    const reply = await call(ADD, { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: 'user001' }, { Subscriber_Account: 'new1' }] });
    expect(results(reply)).toEqual([
      ['user001', 2],
      ['new1', 1],
    ]);
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(['new1', ...users(1, 5)]);
    expect((await call(ADD, { Official_Account: NEWS, SubscriberToDel_Account: ['x'] })).json.ErrorCode).toBe(20001);
  });

  it('pages get_subscriber_info with Limit and Next, sorted, and skips nobody when deleting between pages', async () => {
    emulator.addSubscribers(APP_ID, NEWS, users(6, 450));
    const first = await call(GET_SUBSCRIBERS, { Official_Account: NEWS, Next: '' });
    const firstIds = (first.json.SubscriberList as Array<{ Subscriber_Account: string; SubscribeTime: number }>).map((s) => s.Subscriber_Account);
    expect(first.json).toMatchObject({ ActionStatus: 'OK', SubscriberNum: 450 });
    expect(firstIds).toEqual(users(1, 200));
    expect((first.json.SubscriberList as Array<{ SubscribeTime: number }>)[0]?.SubscribeTime).toBe(nowSeconds());
    expect(first.json.Next).not.toBe('');

    // A bulk unsubscribe deletes what it has read before asking for the next page.
    for (let start = 1; start <= 200; start += 100) await call(DELETE, deleteBody(users(start, start + 99)));
    const second = await call(GET_SUBSCRIBERS, { Official_Account: NEWS, Limit: 200, Next: first.json.Next });
    expect(second.json.SubscriberNum).toBe(250);
    expect((second.json.SubscriberList as Array<{ Subscriber_Account: string }>).map((s) => s.Subscriber_Account)).toEqual(users(201, 400));
    const third = await call(GET_SUBSCRIBERS, { Official_Account: NEWS, Limit: 200, Next: second.json.Next });
    expect((third.json.SubscriberList as unknown[]).length).toBe(50);
    expect(third.json.Next).toBe('');

    const small = await call(GET_SUBSCRIBERS, { Official_Account: NEWS, Limit: 3, Next: '' });
    expect((small.json.SubscriberList as unknown[]).length).toBe(3);
    expect((await call(GET_SUBSCRIBERS, { Official_Account: NEWS, Limit: 201, Next: '' })).json.ErrorCode).toBe(6017);
    expect((await call(GET_SUBSCRIBERS, { Official_Account: '@TOA#_nope', Next: '' })).json.ErrorCode).toBe(130004);
    // Next is required (doc section 2.5), "" on the first call.
    expect((await call(GET_SUBSCRIBERS, { Official_Account: NEWS, Limit: 3 })).json.ErrorCode).toBe(20001);
  });
});

describe('rate limiting', () => {
  it('rejects the 201st call within a second with 60007 and admits at most 200 per window', async () => {
    const replies = await Promise.all(Array.from({ length: 201 }, () => call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] })));
    const arrivals = emulator.calls.map((c) => c.atMs);
    // Precondition: this machine sent all 201 within one second, otherwise the limit legitimately does not apply.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1000);
    const codes = replies.map((r) => r.json.ErrorCode);
    expect(codes.filter((code) => code === 0)).toHaveLength(200);
    expect(codes.filter((code) => code === 60007)).toHaveLength(1);
    const limited = emulator.calls.filter((c) => c.outcome === 'rateLimited');
    expect(limited).toHaveLength(1);
    expect(limited[0]?.reply).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60007, ErrorInfo: 'REST API call frequency exceeds the limit' });
    // The rejected call is the last arrival: the first 200 arrivals were admitted.
    expect(limited[0]?.seq).toBe(201);
    expect(emulator.maxCallsInWindow()).toBe(201);
    expect(emulator.maxCallsInWindow(1000, (c) => c.outcome !== 'rateLimited')).toBe(200);
  });

  it('limits per SDKAppID and frees capacity once the window slides past', async () => {
    const limited = await startTestEmulator({ rateLimitPerSecond: 3 });
    try {
      const check = { CheckItem: [{ UserID: 'x' }] };
      const burst = [];
      for (let i = 0; i < 4; i++) burst.push((await call(ACCOUNT_CHECK, check, { target: limited })).json.ErrorCode);
      expect(burst).toEqual([0, 0, 0, 60007]);
      // Another app has its own budget.
      expect((await call(ACCOUNT_CHECK, check, { target: limited, sdkAppId: OTHER_APP.sdkAppId, identifier: 'boss' })).json.ErrorCode).toBe(0);
      const firstArrival = limited.calls[0]?.atMs ?? 0;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstArrival + 1010 - (performance.timeOrigin + performance.now()))));
      expect((await call(ACCOUNT_CHECK, check, { target: limited })).json.ErrorCode).toBe(0);
    } finally {
      await limited.stop();
    }
  });

  it('is disabled by rateLimitPerSecond 0', async () => {
    const unlimited = await startTestEmulator({ rateLimitPerSecond: 0 });
    try {
      const replies = await Promise.all(Array.from({ length: 250 }, () => call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { target: unlimited })));
      expect(replies.every((r) => r.json.ErrorCode === 0)).toBe(true);
    } finally {
      await unlimited.stop();
    }
  });
});

describe('fault injection', () => {
  it('plays a scripted sequence one entry per call of that command only', async () => {
    emulator.script(DELETE, ['http502', 'socketReset', { errorCode: 20005 }, 'expired70001', { resultZero: ['user002'] }, { latencyMs: 200 }, 'ok']);

    const badGateway = await call(DELETE, deleteBody(['user001']));
    expect(badGateway.status).toBe(502);
    expect(badGateway.contentType).toBe('text/html');
    expect(badGateway.text).toContain('502 Bad Gateway');

    // Other commands do not consume the delete script.
    expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] })).json.ErrorCode).toBe(0);

    await expect(call(DELETE, deleteBody(['user001']))).rejects.toMatchObject({
      message: expect.stringMatching(/ECONNRESET|other side closed/),
    });

    expect((await call(DELETE, deleteBody(['user001']))).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 20005 });
    expect((await call(DELETE, deleteBody(['user001']))).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70001 });
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(users(1, 5));

    const partial = await call(DELETE, deleteBody(['user001', 'user002', 'user003']));
    expect(partial.json.ErrorCode).toBe(0);
    expect(results(partial)).toEqual([
      ['user001', 1],
      ['user002', 0],
      ['user003', 1],
    ]);
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(['user002', 'user004', 'user005']);

    let started = performance.now();
    expect((await call(DELETE, deleteBody(['user002']))).json.ErrorCode).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    started = performance.now();
    expect((await call(DELETE, deleteBody(['user004']))).json.ErrorCode).toBe(0);
    expect(performance.now() - started).toBeLessThan(150);

    expect(emulator.calls.filter((c) => c.command === DELETE).map((c) => c.outcome)).toEqual([
      'http502',
      'socketReset',
      'error',
      'error',
      'ok',
      'ok',
      'ok',
    ]);
    expect(emulator.calls.find((c) => c.outcome === 'socketReset')?.reply).toBeUndefined();
  });

  it('replies scripted throttling codes with their own ErrorInfo when given', async () => {
    emulator.script(DELETE, [{ errorCode: 60011 }, { errorCode: 70050, errorInfo: 'custom text' }]);
    expect((await call(DELETE, deleteBody(['user001']))).json).toMatchObject({ ErrorCode: 60011, ActionStatus: 'FAIL' });
    expect((await call(DELETE, deleteBody(['user001']))).json).toMatchObject({ ErrorCode: 70050, ErrorInfo: 'custom text' });
  });

  it('does not consume scripted faults on calls that fail authentication', async () => {
    emulator.script(DELETE, [{ errorCode: 20005 }]);
    expect((await call(DELETE, deleteBody(['user001']), { identifier: 'user001' })).json.ErrorCode).toBe(60010);
    expect((await call(DELETE, deleteBody(['user001']))).json.ErrorCode).toBe(20005);
  });

  it('applies setLatency before every reply, errors included', async () => {
    emulator.setLatency(120);
    const started = performance.now();
    expect((await call('nope/nope', {})).json.ErrorCode).toBe(60009);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('draws rate faults from a seeded PRNG: same seed, same faults; scripts take precedence', async () => {
    async function outcomes(target: TencentChatEmulator): Promise<string[]> {
      target.setRates({ http502: 0.3, error20005: 0.3 });
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) {
        const reply = await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { target });
        seen.push(reply.status === 502 ? '502' : String(reply.json.ErrorCode));
      }
      return seen;
    }
    const second = await startTestEmulator({ seed: 7 });
    const third = await startTestEmulator({ seed: 7 });
    try {
      const a = await outcomes(second);
      expect(await outcomes(third)).toEqual(a);
      expect(a).toContain('502');
      expect(a).toContain('20005');
      expect(a).toContain('0');

      second.setRates({ http502: 1 });
      second.script(ACCOUNT_CHECK, ['ok']);
      expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { target: second })).status).toBe(200);
      expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { target: second })).status).toBe(502);
      second.clearFaults();
      expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] }, { target: second })).status).toBe(200);
    } finally {
      await second.stop();
      await third.stop();
    }
  });

  it('applies the resultZero rate per subscriber and the throttle rate as 60007', async () => {
    emulator.setRates({ resultZero: 1 });
    const reply = await call(DELETE, deleteBody(['user001', 'user002']));
    expect(results(reply)).toEqual([
      ['user001', 0],
      ['user002', 0],
    ]);
    expect(emulator.subscribers(APP_ID, NEWS)).toEqual(users(1, 5));
    emulator.setRates({ throttle: 1 });
    expect((await call(DELETE, deleteBody(['user001']))).json.ErrorCode).toBe(60007);
    expect(() => emulator.setRates({ http502: 2 })).toThrow(/0\.\.1/);
  });
});

describe('connections', () => {
  it('serves several requests on one keep-alive socket and stop() closes it without waiting', async () => {
    const userSig = signUserSigForTests(APP_ID, KEY, ADMIN, 86400, nowSeconds());
    const path = `/v4/${ACCOUNT_CHECK}?sdkappid=${APP_ID}&identifier=${ADMIN}&usersig=${userSig}&random=1&contenttype=json`;
    const body = JSON.stringify({ CheckItem: [{ UserID: 'x' }] });
    const rawRequest = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

    const socket = connect(emulator.port, '127.0.0.1');
    let received = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.write(rawRequest + rawRequest);
    const deadline = Date.now() + 2000;
    while ((received.match(/"ActionStatus":"OK"/g) ?? []).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((received.match(/HTTP\/1\.1 200 OK/g) ?? []).length).toBe(2);
    expect(received).toMatch(/connection: keep-alive/i);

    // An undici keep-alive connection is open too.
    expect((await call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] })).json.ErrorCode).toBe(0);

    await within(1000, emulator.stop(), 'stop() with open keep-alive sockets');
    await within(1000, closed, 'server-side close of the raw keep-alive socket');
    await expect(call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] })).rejects.toThrow();
    await emulator.stop(); // idempotent, and afterEach calls it again
  });

  it('stop() does not wait for a reply held back by latency', async () => {
    emulator.setLatency(5000);
    const pending = call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'x' }] });
    pending.catch(() => undefined);
    while (emulator.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await within(1000, emulator.stop(), 'stop() with a delayed reply pending');
    await expect(pending).rejects.toThrow();
  });
});
