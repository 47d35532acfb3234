// The third-party callbacks the emulator's handlers raise, through a recording fake of the sender
// (EmulatorOptions.callbacks), and how Before callback replies change what the REST caller gets.
import type { TencentChatEmulator } from './emulator';
import { DEFAULT_APP, startEmulator } from './emulator';
import type { EmulatorClient, RecordedCallback } from './emulator/testClient';
import { emulatorClient, recordingCallbacks } from './emulator/testClient';

const APP = DEFAULT_APP.sdkAppId;
const ADMIN = 'administrator';
const NEWS = '@TOA#_news';
const CLOCK_START_MS = 1_700_000_000_000;
let clockMs = CLOCK_START_MS;
let emulator: TencentChatEmulator | undefined;
let client: EmulatorClient | undefined;

type Replies = Parameters<typeof recordingCallbacks>[0];

async function start(replies: Replies = {}, maxSubscriberNum?: number): Promise<{ events: RecordedCallback[]; api: EmulatorClient; emu: TencentChatEmulator }> {
  const recorder = recordingCallbacks(replies);
  clockMs = CLOCK_START_MS;
  emulator = await startEmulator({
    accounts: [{ sdkAppId: APP, officialAccount: NEWS, subscribers: ['u1', 'u2'], maxSubscriberNum }],
    nowMs: () => clockMs,
    callbacks: recorder.callbacks,
  });
  const emu = emulator;
  client = emulatorClient(() => emu.url, () => Math.floor(clockMs / 1000));
  return { events: recorder.events, api: client, emu };
}

afterEach(async () => {
  await client?.close();
  await emulator?.stop();
});

const BEFORE_CREATE = 'OfficialAccount.CallbackBeforeCreateOfficialAccount';
const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';
const BEFORE_SEND = 'OfficialAccount.CallbackBeforeSendMsg';
const subscriberList = (ids: string[]) => ids.map((Subscriber_Account) => ({ Subscriber_Account }));
const results = (json: Record<string, unknown>) => (json.SubscriberList as Array<{ Subscriber_Account: string; Result: number }>).map((r) => [r.Subscriber_Account, r.Result]);
const text = (value: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: value } }];

describe('account callbacks', () => {
  it('raises BeforeCreate, then AfterCreate with the new ID; AfterInfoChanged with the values after the change; AfterDestroyed', async () => {
    const { events, api } = await start();
    const created = await api.oa('create_official_account', { Owner_Account: ADMIN, Name: 'Daily', OfficialAccountUserID: '@TOA#_daily', Introduction: 'i' });
    expect(created.json.ErrorCode).toBe(0);
    await api.oa('modify_official_account_base_info', { Official_Account: '@TOA#_daily', Organization: 'Org', CustomString: 'not carried' });
    await api.oa('destroy_official_account', { Official_Account: '@TOA#_daily' });
    expect(events).toEqual([
      { kind: 'before', command: BEFORE_CREATE, body: { Operator_Account: ADMIN, Owner_Account: ADMIN, Name: 'Daily' } },
      {
        kind: 'after',
        command: 'OfficialAccount.CallbackAfterCreateOfficialAccount',
        body: { Official_Account: '@TOA#_daily', Operator_Account: ADMIN, Owner_Account: ADMIN, Name: 'Daily' },
      },
      {
        kind: 'after',
        command: 'OfficialAccount.CallbackAfterOfficialAccountInfoChanged',
        body: { Official_Account: '@TOA#_daily', Operator_Account: ADMIN, Introduction: 'i', Name: 'Daily', FaceUrl: '', Organization: 'Org' },
      },
      {
        kind: 'after',
        command: 'OfficialAccount.CallbackAfterOfficialAccountDestroyed',
        body: { Official_Account: '@TOA#_daily', Owner_Account: ADMIN, Name: 'Daily' },
      },
    ]);
  });

  it('answers 20006 when BeforeCreate replies ErrorCode 1, and creates nothing', async () => {
    const { events, api, emu } = await start({ [BEFORE_CREATE]: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'no' } });
    const reply = await api.oa('create_official_account', { Owner_Account: ADMIN, Name: 'Daily', OfficialAccountUserID: '@TOA#_daily' });
    expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 20006 });
    expect(emu.accountIds(APP)).toEqual([NEWS]);
    expect(events.map((e) => e.kind)).toEqual(['before']);
  });

  it('passes a custom code in 120001..130000 and its ErrorInfo through to the caller', async () => {
    const { api, emu } = await start({ [BEFORE_CREATE]: { ActionStatus: 'FAIL', ErrorCode: 120042, ErrorInfo: 'Name not allowed by policy' } });
    expect((await api.oa('create_official_account', { Owner_Account: ADMIN, Name: 'Daily' })).json).toEqual({
      ActionStatus: 'FAIL',
      ErrorCode: 120042,
      ErrorInfo: 'Name not allowed by policy',
    });
    expect(emu.accountIds(APP)).toEqual([NEWS]);
  });

  it('raises nothing for a request that fails its checks', async () => {
    const { events, api } = await start();
    await api.oa('create_official_account', { Owner_Account: ADMIN, Name: 'x', OfficialAccountUserID: NEWS });
    await api.oa('destroy_official_account', { Official_Account: '@TOA#_nope' });
    await api.oa('modify_official_account_base_info', { Official_Account: NEWS });
    await api.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: [] });
    await api.oa('send_official_account_msg', { Official_Account: NEWS, Random: 1, MsgBody: [] });
    expect(events).toEqual([]);
  });
});

describe('subscriber callbacks', () => {
  it('asks BeforeAddSubscriber about newcomers only, honours RefusedSubscribers_Account, reports only those added', async () => {
    const { events, api, emu } = await start({ [BEFORE_ADD]: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RefusedSubscribers_Account: ['jared'] } });
    const reply = await api.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: subscriberList(['u1', 'jared', 'leckie', 'leckie']) });
    expect(results(reply.json)).toEqual([
      ['u1', 2],
      ['jared', 0],
      ['leckie', 1],
      ['leckie', 2],
    ]);
    expect(emu.subscribers(APP, NEWS)).toEqual(['leckie', 'u1', 'u2']);
    expect(events).toEqual([
      {
        kind: 'before',
        command: BEFORE_ADD,
        body: { Official_Account: NEWS, Operator_Account: ADMIN, SubscribeAccountList: subscriberList(['jared', 'leckie']) },
      },
      {
        kind: 'after',
        command: 'OfficialAccount.CallbackAfterAddSubscriber',
        body: { Official_Account: NEWS, Operator_Account: ADMIN, SubscribeAccountList: subscriberList(['leckie']) },
      },
    ]);
  });

  it('gives every newcomer Result 0 when BeforeAddSubscriber replies ErrorCode 1, and raises no After', async () => {
    const { events, api, emu } = await start({ [BEFORE_ADD]: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'closed' } });
    const reply = await api.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: subscriberList(['a', 'u1', 'b']) });
    expect(reply.json.ErrorCode).toBe(0);
    expect(results(reply.json)).toEqual([
      ['a', 0],
      ['u1', 2],
      ['b', 0],
    ]);
    expect(emu.subscribers(APP, NEWS)).toEqual(['u1', 'u2']);
    expect(events.map((e) => e.kind)).toEqual(['before']);
  });

  it('raises AfterOfficialAccountFull once, when a subscribe reaches MaxSubscriberNum', async () => {
    const { events, api } = await start({}, 3);
    await api.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: subscriberList(['a', 'b']) });
    await api.oa('add_subscriber', { Official_Account: NEWS, SubscriberList: subscriberList(['c']) });
    const full = events.filter((e) => e.command === 'OfficialAccount.CallbackAfterOfficialAccountFull');
    expect(full).toEqual([{ kind: 'after', command: 'OfficialAccount.CallbackAfterOfficialAccountFull', body: { Official_Account: NEWS } }]);
    const added = events.filter((e) => e.command === 'OfficialAccount.CallbackAfterAddSubscriber');
    expect(added.map((e) => e.body.SubscribeAccountList)).toEqual([subscriberList(['a'])]);
  });

  it('raises AfterDeleteSubscriber with only the users actually deleted, and none when nobody was', async () => {
    const { events, api } = await start();
    await api.oa('delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: ['ghost'] });
    expect(events).toEqual([]);
    await api.oa('delete_subscriber', { Official_Account: NEWS, SubscriberToDel_Account: ['u1', 'ghost', 'u1'] });
    expect(events).toEqual([
      {
        kind: 'after',
        command: 'OfficialAccount.CallbackAfterDeleteSubscriber',
        body: { Official_Account: NEWS, Operator_Account: ADMIN, SubscribeAccountList: subscriberList(['u1']) },
      },
    ]);
  });
});

describe('message callbacks', () => {
  const send = (api: EmulatorClient, extra: Record<string, unknown> = {}) =>
    api.oa('send_official_account_msg', { Official_Account: NEWS, Random: 7, MsgBody: text('red packet'), CloudCustomData: 'ccd', OnlineOnlyFlag: 1, ...extra });

  it('raises BeforeSendMsg and AfterSendMsg with the message; AfterMsgWithDraw with the recalled keys only', async () => {
    const { events, api } = await start();
    const sent = await send(api);
    const { MsgKey, MsgTime } = sent.json;
    await api.oa('official_account_msg_recall', { Official_Account: NEWS, MsgKeyList: [MsgKey, '9_1_9'] });
    expect(events).toEqual([
      { kind: 'before', command: BEFORE_SEND, body: { Official_Account: NEWS, OnlineOnlyFlag: 1, MsgBody: text('red packet'), CloudCustomData: 'ccd' } },
      {
        kind: 'after',
        command: 'OfficialAccount.CallbackAfterSendMsg',
        body: { Official_Account: NEWS, MsgKey, MsgTime, OnlineOnlyFlag: 1, MsgBody: text('red packet'), CloudCustomData: 'ccd' },
      },
      { kind: 'after', command: 'OfficialAccount.CallbackAfterMsgWithDraw', body: { Official_Account: NEWS, WithdrawMsgList: [{ MsgKey }] } },
    ]);
  });

  it('answers 10016 and delivers nothing when BeforeSendMsg replies ErrorCode 1', async () => {
    const { events, api, emu } = await start({ [BEFORE_SEND]: { ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'no' } });
    expect((await send(api)).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10016 });
    expect(emu.deliveryCount(APP, NEWS)).toBe(0);
    expect(emu.messages(APP, NEWS)).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['before']);
  });

  it('discards silently on ErrorCode 2: the caller sees success, nothing is delivered or stored', async () => {
    const { events, api, emu } = await start({ [BEFORE_SEND]: { ActionStatus: 'OK', ErrorCode: 2, ErrorInfo: '' } });
    const reply = await send(api);
    expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, MsgKey: expect.stringMatching(/^1_1_\d+$/), MsgTime: CLOCK_START_MS / 1000 });
    expect(emu.deliveryCount(APP, NEWS)).toBe(0);
    expect((await api.oa('official_account_msg_get_simple', { Official_Account: NEWS })).json.RspMsgList).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['before']);
    // Not delivered, so it neither uses the 1/s budget nor counts as the original of a duplicate.
    expect((await send(api, { MsgBody: text('other') })).json.MsgKey).toBe(`2_1_${CLOCK_START_MS / 1000}`);
  });

  it('delivers the replacement MsgBody and CloudCustomData of a BeforeSendMsg reply', async () => {
    const replacement = [...text('red packet'), { MsgType: 'TIMCustomElem', MsgContent: { Desc: 'CustomElement.MemberLevel', Data: 'LV1' } }];
    const { events, api, emu } = await start({ [BEFORE_SEND]: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgBody: replacement, CloudCustomData: 'new' } });
    await send(api);
    expect(emu.messages(APP, NEWS)[0]).toMatchObject({ MsgBody: replacement, CloudCustomData: 'new' });
    expect(events[1]?.body).toMatchObject({ MsgBody: replacement, CloudCustomData: 'new' });
  });

  it('passes a custom BeforeSendMsg code through, and skips callbacks named in ForbidCallbackControl', async () => {
    const { events, api, emu } = await start({ [BEFORE_SEND]: { ActionStatus: 'FAIL', ErrorCode: 125000, ErrorInfo: 'quiet hours' } });
    expect((await send(api)).json).toEqual({ ActionStatus: 'FAIL', ErrorCode: 125000, ErrorInfo: 'quiet hours' });
    const forbidden = await send(api, { ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'] });
    expect(forbidden.json.ErrorCode).toBe(0);
    expect(emu.deliveryCount(APP, NEWS)).toBe(1);
    expect(events).toHaveLength(1);
  });

  it('judges the limits again after a slow BeforeSendMsg, so two concurrent sends deliver one', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const recorder = recordingCallbacks();
    const slow = {
      after: recorder.callbacks.after,
      before: async (command: string, body: Record<string, unknown>) => {
        await gate;
        return recorder.callbacks.before(command, body);
      },
    };
    emulator = await startEmulator({ accounts: [{ sdkAppId: APP, officialAccount: NEWS }], nowMs: () => clockMs, callbacks: slow });
    const emu = emulator;
    client = emulatorClient(() => emu.url, () => Math.floor(clockMs / 1000));
    const first = send(client, { MsgBody: text('a') });
    const second = send(client, { MsgBody: text('b') });
    while (emu.calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const codes = [(await first).json.ErrorCode, (await second).json.ErrorCode].sort();
    expect(codes).toEqual([0, 10023]);
    expect(emu.deliveryCount(APP, NEWS)).toBe(1);
  });
});
