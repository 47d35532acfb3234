// The emulator's subscriber commands over HTTP (add, delete, list, modify) and fault knobs on every command.
import { performance } from 'node:perf_hooks';
import type { TencentChatEmulator } from './emulator';
import { DEFAULT_APP, startEmulator } from './emulator';
import type { EmulatorClient } from './emulator/testClient';
import { OA, emulatorClient } from './emulator/testClient';

const APP = DEFAULT_APP.sdkAppId;
const NEWS = '@TOA#_news';
const CLOCK_START_MS = 1_700_000_000_000;
let clockMs = CLOCK_START_MS;
let emulator: TencentChatEmulator;
let client: EmulatorClient;

function users(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `user${String(from + i).padStart(3, '0')}`);
}
const subscriberList = (ids: string[]) => ids.map((Subscriber_Account) => ({ Subscriber_Account }));
const results = (json: Record<string, unknown>) => (json.SubscriberList as Array<{ Subscriber_Account: string; Result: number }>).map((r) => [r.Subscriber_Account, r.Result]);

beforeEach(async () => {
  clockMs = CLOCK_START_MS;
  emulator = await startEmulator({ accounts: [{ sdkAppId: APP, officialAccount: NEWS, subscribers: users(1, 5) }], nowMs: () => clockMs });
  client = emulatorClient(() => emulator.url, () => Math.floor(clockMs / 1000));
});

afterEach(async () => {
  await client.close();
  await emulator.stop();
});

describe('add_subscriber', () => {
  const add = (ids: string[], account = NEWS) => client.oa('add_subscriber', { Official_Account: account, SubscriberList: subscriberList(ids) });

  it('stops at MaxSubscriberNum: users past the cap get Result 0', async () => {
    emulator.addAccount({ sdkAppId: APP, officialAccount: '@TOA#_small', subscribers: ['a'], maxSubscriberNum: 3 });
    const reply = await add(['a', 'b', 'c', 'd'], '@TOA#_small');
    expect(results(reply.json)).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 1],
      ['d', 0],
    ]);
    expect(emulator.account(APP, '@TOA#_small')?.SubscriberNum).toBe(3);
    await client.oa('modify_official_account_base_info', { Official_Account: '@TOA#_small', MaxSubscriberNum: 4 });
    expect(results((await add(['d', 'e'], '@TOA#_small')).json)).toEqual([
      ['d', 1],
      ['e', 0],
    ]);
  });

  it('answers a repeated ID in one call as already subscribed, with SubscribeTime from the clock', async () => {
    clockMs += 5000;
    expect(results((await add(['new1', 'new1'])).json)).toEqual([
      ['new1', 1],
      ['new1', 2],
    ]);
    expect(emulator.subscriberDetails(APP, NEWS).find((s) => s.Subscriber_Account === 'new1')).toEqual({
      Subscriber_Account: 'new1',
      SubscribeTime: CLOCK_START_MS / 1000 + 5,
      CustomString: '',
      MsgFlag: 'AcceptAndNotify',
      LastSendMsgTime: 0,
    });
  });

  it('applies resultZero and omitResults faults', async () => {
    emulator.script(`${OA}/add_subscriber`, [{ resultZero: ['x1'] }, { omitResults: ['x2'] }]);
    expect(results((await add(['x1', 'x2'])).json)).toEqual([
      ['x1', 0],
      ['x2', 1],
    ]);
    expect(results((await add(['x1', 'x2'])).json)).toEqual([['x1', 1]]);
    expect(emulator.subscribers(APP, NEWS)).toEqual(expect.arrayContaining(['x1', 'x2']));
  });

  it.each([
    ['101 users', { Official_Account: NEWS, SubscriberList: subscriberList(users(100, 200)) }, 6017],
    ['an empty list', { Official_Account: NEWS, SubscriberList: [] }, 6017],
    ['an empty UserID', { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: '' }] }, 6017],
    ['an item with an extra field', { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: 'a', CustomString: 'x' }] }, 20001],
    ['bare strings', { Official_Account: NEWS, SubscriberList: ['a'] }, 20001],
    ['an unknown field', { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: 'a' }], Force: 1 }, 20001],
  ])('rejects %s and changes nothing', async (_name, body, code) => {
    expect((await client.oa('add_subscriber', body)).json.ErrorCode).toBe(code);
    expect(emulator.subscribers(APP, NEWS)).toEqual(users(1, 5));
  });
});

describe('get_subscriber_info', () => {
  const page = (Next: string, Limit = 200) => client.oa('get_subscriber_info', { Official_Account: NEWS, Limit, Next });
  const ids = (json: Record<string, unknown>) => (json.SubscriberList as Array<{ Subscriber_Account: string }>).map((s) => s.Subscriber_Account);

  it('returns each subscriber’s CustomString and MsgFlag from the state', async () => {
    emulator.setSubscriberInfo(APP, NEWS, 'user002', { CustomString: 'tier=gold', MsgFlag: 'Discard' });
    const reply = await page('', 2);
    expect(reply.json.SubscriberList).toEqual([
      { Subscriber_Account: 'user001', SubscribeTime: CLOCK_START_MS / 1000, CustomString: '', MsgFlag: 'AcceptAndNotify', LastSendMsgTime: 0 },
      { Subscriber_Account: 'user002', SubscribeTime: CLOCK_START_MS / 1000, CustomString: 'tier=gold', MsgFlag: 'Discard', LastSendMsgTime: 0 },
    ]);
    expect(reply.json).toMatchObject({ SubscriberNum: 5, Next: expect.any(String) });
  });

  it('keeps Next paging exact while subscribers are added and deleted between pages', async () => {
    emulator.addSubscribers(APP, NEWS, users(6, 450));
    const first = await page('');
    const seen = ids(first.json);
    expect(seen).toEqual(users(1, 200));

    // Between pages: delete some already read and some not yet read; add some that sort before and after the cursor.
    await client.oa('delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: [...users(1, 50), ...users(300, 309)] });
    await client.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: subscriberList(['user150x', 'user250x', 'user999']) });

    let next = first.json.Next as string;
    let pages = 1;
    while (next !== '') {
      const reply = await page(next);
      seen.push(...ids(reply.json));
      next = reply.json.Next as string;
      pages++;
      // Churn again mid-way.
      if (pages === 2) await client.oa('delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: ['user420'] });
    }
    expect(pages).toBe(3);
    const expected = [...users(1, 200), ...users(201, 299), 'user250x', ...users(310, 419), ...users(421, 450), 'user999'].sort();
    expect(seen.sort()).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ['Limit 0', { Official_Account: NEWS, Limit: 0, Next: '' }, 6017],
    ['a string Limit', { Official_Account: NEWS, Limit: '20', Next: '' }, 20001],
    ['a forged Next', { Official_Account: NEWS, Next: 'not a cursor!' }, 6017],
    ['a numeric Next', { Official_Account: NEWS, Next: 0 }, 20001],
    ['an unknown field', { Official_Account: NEWS, Next: '', Offset: 0 }, 20001],
  ])('rejects %s', async (_name, body, code) => {
    expect((await client.oa('get_subscriber_info', body)).json.ErrorCode).toBe(code);
  });
});

describe('modify_subscriber_info', () => {
  const modify = (body: Record<string, unknown>) => client.oa('modify_subscriber_info', { Official_Account: NEWS, Subscriber_Account: 'user003', ...body });

  it('sets CustomString, seen by get_subscriber_info and the user’s subscription list; 3000 bytes fit', async () => {
    const custom = '中'.repeat(1000);
    expect((await modify({ CustomString: custom })).json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(emulator.subscriberDetails(APP, NEWS)[2]).toMatchObject({ Subscriber_Account: 'user003', CustomString: custom });
    const listed = await client.oa('get_subscriber_info', { Official_Account: NEWS, Limit: 3, Next: '' });
    expect((listed.json.SubscriberList as Array<{ CustomString: string }>)[2]?.CustomString).toBe(custom);
    const subscribed = await client.oa('get_subscribed_official_account_list', { Subscriber_Account: 'user003' });
    expect((subscribed.json.OfficialAccountInfoList as Array<{ SelfInfo: unknown }>)[0]?.SelfInfo).toEqual({ SubscribeTime: CLOCK_START_MS / 1000, CustomString: custom });
  });

  it.each([
    ['CustomString over 3000 bytes', { CustomString: `${'中'.repeat(1000)}a` }, 6017],
    ['a user who does not subscribe', { Subscriber_Account: 'stranger', CustomString: 'x' }, 6017],
    ['no CustomString', {}, 20001],
    ['a MsgFlag (not settable by REST)', { CustomString: 'x', MsgFlag: 'Discard' }, 20001],
    ['an unknown account', { Official_Account: '@TOA#_nope', CustomString: 'x' }, 130004],
  ])('rejects %s', async (_name, body, code) => {
    expect((await modify(body)).json.ErrorCode).toBe(code);
    expect(emulator.subscriberDetails(APP, NEWS)[2]?.CustomString).toBe('');
  });
});

describe('fault knobs on every command', () => {
  const text = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
  const validBodies: Array<[string, unknown]> = [
    ['create_official_account', { Owner_Account: 'administrator', Name: 'x' }],
    ['destroy_official_account', { Official_Account: NEWS }],
    ['modify_official_account_base_info', { Official_Account: NEWS, Name: 'x' }],
    ['get_official_account_info', { OfficialAccountIdList: [{ Official_Account: NEWS }] }],
    ['add_subscriber', { Official_Account: NEWS, SubscriberList: [{ Subscriber_Account: 'zz' }] }],
    ['delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: ['user001'] }],
    ['get_subscriber_info', { Official_Account: NEWS, Next: '' }],
    ['modify_subscriber_info', { Official_Account: NEWS, Subscriber_Account: 'user001', CustomString: 'x' }],
    ['get_subscribed_official_account_list', { Subscriber_Account: 'user001' }],
    ['send_official_account_msg', { Official_Account: NEWS, Random: 1, MsgBody: text }],
    ['official_account_msg_recall', { Official_Account: NEWS, MsgKeyList: ['1_1_1'] }],
    ['official_account_msg_get_simple', { Official_Account: NEWS }],
  ];

  it.each(validBodies)('%s plays scripted errors, 502s, resets and latency, then runs normally', async (command, body) => {
    const before = emulator.account(APP, NEWS);
    emulator.script(`${OA}/${command}`, [{ errorCode: 20005 }, 'http502', 'socketReset', { latencyMs: 150 }]);
    expect((await client.oa(command, body)).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 20005 });
    expect((await client.oa(command, body)).status).toBe(502);
    await expect(client.oa(command, body)).rejects.toThrow();
    expect(emulator.account(APP, NEWS)).toEqual(before);
    expect(emulator.deliveryCount(APP)).toBe(0);
    const started = performance.now();
    expect((await client.oa(command, body)).json.ErrorCode).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('lostReply runs the command and then resets the connection', async () => {
    emulator.script(`${OA}/delete_subscriber`, ['lostReply']);
    await expect(client.oa('delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: ['user001'] })).rejects.toThrow();
    expect(emulator.subscribers(APP, NEWS)).toEqual(users(2, 5));
    expect(emulator.calls[0]?.outcome).toBe('socketReset');
  });

  it.each(validBodies)('%s is subject to the fault rates', async (command, body) => {
    emulator.setRates({ throttle: 1 });
    expect((await client.oa(command, body)).json.ErrorCode).toBe(60007);
    emulator.setRates({ http502: 1 });
    expect((await client.oa(command, body)).status).toBe(502);
    emulator.clearFaults();
    expect((await client.oa(command, body)).json.ErrorCode).toBe(0);
  });
});
