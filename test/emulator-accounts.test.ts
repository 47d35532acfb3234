// The emulator's official-account commands over HTTP: create, destroy, modify, get info, a user's subscriptions.
import type { TencentChatEmulator } from './emulator';
import { DEFAULT_APP, startEmulator } from './emulator';
import type { EmulatorClient } from './emulator/testClient';
import { emulatorClient } from './emulator/testClient';

const APP = DEFAULT_APP.sdkAppId;
const OWNER = 'owner1';
const CLOCK_START_MS = 1_700_000_000_000;
let clockMs = CLOCK_START_MS;
let emulator: TencentChatEmulator;
let client: EmulatorClient;

beforeEach(async () => {
  clockMs = CLOCK_START_MS;
  emulator = await startEmulator({
    apps: [{ ...DEFAULT_APP, importedUsers: [OWNER] }],
    accounts: [{ sdkAppId: APP, officialAccount: '@TOA#_news', subscribers: ['u1', 'u2'] }],
    nowMs: () => clockMs,
  });
  client = emulatorClient(() => emulator.url, () => Math.floor(clockMs / 1000));
});

afterEach(async () => {
  await client.close();
  await emulator.stop();
});

const create = (body: Record<string, unknown>) => client.oa('create_official_account', { Owner_Account: OWNER, Name: 'Daily news', ...body });

describe('create_official_account', () => {
  it('creates an account with a custom ID and every optional field, stored as given', async () => {
    const reply = await create({
      OfficialAccountUserID: '@TOA#_test_id',
      Introduction: 'intro',
      FaceUrl: 'http://face',
      Organization: 'org',
      CustomString: 'custom',
      MaxSubscriberNum: 1000,
    });
    expect(reply.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', OfficialAccountUserID: '@TOA#_test_id' });
    expect(emulator.account(APP, '@TOA#_test_id')).toEqual({
      Official_Account: '@TOA#_test_id',
      Owner_Account: OWNER,
      Name: 'Daily news',
      Introduction: 'intro',
      FaceUrl: 'http://face',
      Organization: 'org',
      CustomString: 'custom',
      MaxSubscriberNum: 1000,
      SubscriberNum: 0,
      LastMsgTime: 0,
      CreateTime: CLOCK_START_MS / 1000,
    });
  });

  it('assigns distinct @TOA#_@TOA# IDs when none is given, the same ones for the same seed, with defaults', async () => {
    const first = (await create({})).json.OfficialAccountUserID as string;
    const second = (await create({})).json.OfficialAccountUserID as string;
    expect(first).toMatch(/^@TOA#_@TOA#[A-Z0-9]{9}$/);
    expect(second).toMatch(/^@TOA#_@TOA#[A-Z0-9]{9}$/);
    expect(second).not.toBe(first);
    expect(emulator.account(APP, first)).toMatchObject({ MaxSubscriberNum: 100000, Introduction: '', CustomString: '' });
    const twin = await startEmulator({ apps: [{ ...DEFAULT_APP, importedUsers: [OWNER] }], nowMs: () => clockMs });
    try {
      const twinClient = emulatorClient(() => twin.url, () => Math.floor(clockMs / 1000));
      expect((await twinClient.oa('create_official_account', { Owner_Account: OWNER, Name: 'x' })).json.OfficialAccountUserID).toBe(first);
      await twinClient.close();
    } finally {
      await twin.stop();
    }
  });

  it('answers 130008 for a taken ID, and for the ID of a destroyed account', async () => {
    expect((await create({ OfficialAccountUserID: '@TOA#_news' })).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 130008 });
    expect((await client.oa('destroy_official_account', { Official_Account: '@TOA#_news' })).json.ErrorCode).toBe(0);
    expect((await create({ OfficialAccountUserID: '@TOA#_news' })).json.ErrorCode).toBe(130008);
    expect(emulator.account(APP, '@TOA#_news')).toBeUndefined();
  });

  it.each([
    ['no @TOA#_ prefix', 'news'],
    ['the assigned-ID prefix', '@TOA#_@TOA#abc'],
    ['nothing after the prefix', '@TOA#_'],
    ['a non-ASCII character', '@TOA#_café'],
    ['a control character', '@TOA#_a\tb'],
    ['49 bytes', `@TOA#_${'x'.repeat(43)}`],
  ])('rejects a custom ID with %s as 130007', async (_name, id) => {
    expect((await create({ OfficialAccountUserID: id })).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 130007 });
    expect(emulator.accountIds(APP)).toEqual(['@TOA#_news']);
  });

  it('accepts a 48-byte custom ID with spaces and punctuation', async () => {
    const id = `@TOA#_ ~!${'x'.repeat(39)}`;
    expect(id).toHaveLength(48);
    expect((await create({ OfficialAccountUserID: id })).json.OfficialAccountUserID).toBe(id);
  });

  it.each([
    ['Name', 150],
    ['Introduction', 400],
    ['FaceUrl', 500],
    ['Organization', 500],
    ['CustomString', 3000],
  ])('counts %s in UTF-8 bytes: %i bytes pass, one more is 6017', async (field, limit) => {
    // 3-byte characters plus ASCII padding, so a code-unit count would pass what the byte count rejects.
    const atLimit = '中'.repeat(Math.floor(limit / 3)) + 'a'.repeat(limit % 3);
    const over = `${atLimit}a`;
    const tooLong = await create({ [field]: over });
    expect(tooLong.json).toMatchObject({ ErrorCode: 6017 });
    expect(tooLong.json.ErrorInfo).toContain(`${field} is ${limit + 1} bytes`);
    const fits = await create({ [field]: atLimit });
    expect(fits.json.ErrorCode).toBe(0);
    expect(emulator.account(APP, fits.json.OfficialAccountUserID as string)).toMatchObject({ [field]: atLimit });
  });

  it('requires an imported owner (70107), knowing admins, importedUsers, importUsers() and subscribers', async () => {
    expect((await create({ Owner_Account: 'stranger' })).json).toMatchObject({ ErrorCode: 70107 });
    expect((await create({ Owner_Account: 'administrator' })).json.ErrorCode).toBe(0);
    expect((await create({ Owner_Account: 'u1' })).json.ErrorCode).toBe(0);
    emulator.importUsers(APP, ['stranger']);
    expect((await create({ Owner_Account: 'stranger' })).json.ErrorCode).toBe(0);
    const check = await client.call('im_open_login_svc/account_check', { CheckItem: [{ UserID: OWNER }, { UserID: 'nobody' }] });
    expect((check.json.ResultItem as Array<{ AccountStatus: string }>).map((item) => item.AccountStatus)).toEqual(['Imported', 'NotImported']);
  });

  it.each([
    ['an unknown field', { Owner_Account: OWNER, Name: 'n', OfficialAccount: '@TOA#_x' }, 20001],
    ['no Name', { Owner_Account: OWNER }, 20001],
    ['no Owner_Account', { Name: 'n' }, 20001],
    ['a numeric Name', { Owner_Account: OWNER, Name: 5 }, 20001],
    ['a string MaxSubscriberNum', { Owner_Account: OWNER, Name: 'n', MaxSubscriberNum: '10' }, 20001],
    ['a fractional MaxSubscriberNum', { Owner_Account: OWNER, Name: 'n', MaxSubscriberNum: 1.5 }, 20001],
    ['MaxSubscriberNum 0', { Owner_Account: OWNER, Name: 'n', MaxSubscriberNum: 0 }, 6017],
    ['an empty Name', { Owner_Account: OWNER, Name: '' }, 6017],
    ['a body that is an array', [], 20001],
  ])('rejects %s and creates nothing', async (_name, body, code) => {
    expect((await client.oa('create_official_account', body)).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(emulator.accountIds(APP)).toEqual(['@TOA#_news']);
  });
});

describe('destroy_official_account', () => {
  it('destroys an account; the ID then answers 130004 everywhere', async () => {
    const destroy = () => client.oa('destroy_official_account', { Official_Account: '@TOA#_news' });
    expect((await destroy()).json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(emulator.account(APP, '@TOA#_news')).toBeUndefined();
    expect(emulator.isDestroyed(APP, '@TOA#_news')).toBe(true);
    expect((await destroy()).json).toMatchObject({ ErrorCode: 130004, ErrorInfo: expect.stringContaining('destroyed') });
    expect((await client.oa('get_subscriber_info', { Official_Account: '@TOA#_news', Next: '' })).json.ErrorCode).toBe(130004);
    expect((await client.oa('add_subscriber', { Official_Account: '@TOA#_news', SubscriberList: [{ Subscriber_Account: 'u9' }] })).json.ErrorCode).toBe(130004);
    const send = { Official_Account: '@TOA#_news', Random: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] };
    expect((await client.oa('send_official_account_msg', send)).json.ErrorCode).toBe(130004);
    // The former subscribers no longer list it.
    expect((await client.oa('get_subscribed_official_account_list', { Subscriber_Account: 'u1' })).json.TotalCount).toBe(0);
  });

  it.each([
    ['an unknown ID', { Official_Account: '@TOA#_nope' }, 130004],
    ['a malformed ID', { Official_Account: 'nope' }, 130007],
    ['an unknown field', { Official_Account: '@TOA#_news', Force: true }, 20001],
    ['a missing ID', {}, 20001],
  ])('rejects %s', async (_name, body, code) => {
    expect((await client.oa('destroy_official_account', body)).json.ErrorCode).toBe(code);
    expect(emulator.account(APP, '@TOA#_news')).toBeDefined();
  });
});

describe('modify_official_account_base_info', () => {
  const modify = (body: Record<string, unknown>) => client.oa('modify_official_account_base_info', { Official_Account: '@TOA#_news', ...body });

  it('changes only the given fields; an empty string clears an optional one', async () => {
    await modify({ Introduction: 'first', Organization: 'org', CustomString: 'c' });
    expect((await modify({ Name: 'Renamed', Introduction: '', MaxSubscriberNum: 7 })).json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(emulator.account(APP, '@TOA#_news')).toMatchObject({
      Name: 'Renamed',
      Introduction: '',
      Organization: 'org',
      CustomString: 'c',
      FaceUrl: '',
      MaxSubscriberNum: 7,
      SubscriberNum: 2,
    });
  });

  it.each([
    ["the Java SDK's OfficialAccount key", { OfficialAccount: '@TOA#_news', Name: 'x' }, 20001],
    ['no field to change', { Official_Account: '@TOA#_news' }, 6017],
    ['an empty Name', { Official_Account: '@TOA#_news', Name: '' }, 6017],
    ['Organization over 500 bytes', { Official_Account: '@TOA#_news', Organization: 'é'.repeat(251) }, 6017],
    ['an unknown account', { Official_Account: '@TOA#_nope', Name: 'x' }, 130004],
    ['a read-only field', { Official_Account: '@TOA#_news', SubscriberNum: 3 }, 20001],
  ])('rejects %s and changes nothing', async (_name, body, code) => {
    const before = emulator.account(APP, '@TOA#_news');
    expect((await client.oa('modify_official_account_base_info', body)).json.ErrorCode).toBe(code);
    expect(emulator.account(APP, '@TOA#_news')).toEqual(before);
  });
});

describe('get_official_account_info', () => {
  const info = (body: Record<string, unknown>) => client.oa('get_official_account_info', body);
  const ids = (...list: string[]) => list.map((Official_Account) => ({ Official_Account }));

  it('answers one item per ID in request order, each with its ID and code; unknown IDs are item errors', async () => {
    await client.oa('create_official_account', { Owner_Account: OWNER, Name: 'gone', OfficialAccountUserID: '@TOA#_gone' });
    await client.oa('destroy_official_account', { Official_Account: '@TOA#_gone' });
    const reply = await info({ OfficialAccountIdList: ids('@TOA#_nope', '@TOA#_news', '@TOA#_gone', 'bad', '@TOA#_news') });
    expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    const list = reply.json.OfficialAccountInfoList as Array<Record<string, unknown>>;
    expect(list.map((item) => [item.Official_Account, item.ErrorCode])).toEqual([
      ['@TOA#_nope', 130004],
      ['@TOA#_news', 0],
      ['@TOA#_gone', 130004],
      ['bad', 130007],
      ['@TOA#_news', 0],
    ]);
    expect(list[0]).toEqual({ Official_Account: '@TOA#_nope', ActionStatus: 'FAIL', ErrorCode: 130004, ErrorInfo: expect.any(String) });
    expect(list[1]).toEqual({
      Official_Account: '@TOA#_news',
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      CreateTime: CLOCK_START_MS / 1000,
      Name: 'news',
      Owner_Account: 'administrator',
      LastMsgTime: 0,
      SubscriberNum: 2,
      Introduction: '',
      FaceUrl: '',
      Organization: '',
      CustomString: '',
    });
  });

  it('returns only the fields named in ResponseFilter', async () => {
    const reply = await info({ OfficialAccountIdList: ids('@TOA#_news'), ResponseFilter: { OfficialAccountBaseInfoFilter: ['SubscriberNum', 'Name'] } });
    expect((reply.json.OfficialAccountInfoList as unknown[])[0]).toEqual({
      Official_Account: '@TOA#_news',
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      Name: 'news',
      SubscriberNum: 2,
    });
  });

  it('takes 50 IDs and rejects 51 or none with 6017', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `@TOA#_n${i}`);
    expect(((await info({ OfficialAccountIdList: ids(...fifty) })).json.OfficialAccountInfoList as unknown[]).length).toBe(50);
    const tooMany = await info({ OfficialAccountIdList: ids(...fifty, '@TOA#_news') });
    expect(tooMany.json).toMatchObject({ ErrorCode: 6017, ErrorInfo: expect.stringContaining('at most 50') });
    expect((await info({ OfficialAccountIdList: [] })).json.ErrorCode).toBe(6017);
  });

  it.each([
    ['an unknown filter value', { OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }], ResponseFilter: { OfficialAccountBaseInfoFilter: ['MaxSubscriberNum'] } }, 6017],
    ['an unknown filter key', { OfficialAccountIdList: [{ Official_Account: '@TOA#_news' }], ResponseFilter: { SelfInfoFilter: [] } }, 20001],
    ['bare ID strings', { OfficialAccountIdList: ['@TOA#_news'] }, 20001],
    ['an item with an extra field', { OfficialAccountIdList: [{ Official_Account: '@TOA#_news', Name: 'x' }] }, 20001],
    ['no list', {}, 20001],
  ])('rejects %s', async (_name, body, code) => {
    expect((await info(body)).json.ErrorCode).toBe(code);
  });
});

describe('get_subscribed_official_account_list', () => {
  const list = (body: Record<string, unknown>) => client.oa('get_subscribed_official_account_list', body);

  it('pages a user’s accounts by Offset with Next, TotalCount and CompleteFlag, with the user’s own SelfInfo', async () => {
    for (const n of [1, 2, 3, 4, 5]) emulator.addAccount({ sdkAppId: APP, officialAccount: `@TOA#_a${n}`, subscribers: n === 3 ? [] : ['reader'] });
    emulator.setSubscriberInfo(APP, '@TOA#_a2', 'reader', { CustomString: 'vip' });
    const first = await list({ Subscriber_Account: 'reader', Limit: 2 });
    expect(first.json).toMatchObject({ ActionStatus: 'OK', TotalCount: 4, CompleteFlag: 0, Next: 2 });
    const firstItems = first.json.OfficialAccountInfoList as Array<Record<string, unknown>>;
    expect(firstItems.map((item) => item.Official_Account)).toEqual(['@TOA#_a1', '@TOA#_a2']);
    expect(firstItems[1]).toMatchObject({ Name: 'a2', SubscriberNum: 1, SelfInfo: { SubscribeTime: CLOCK_START_MS / 1000, CustomString: 'vip' } });
    const second = await list({ Subscriber_Account: 'reader', Limit: 2, Offset: first.json.Next });
    expect((second.json.OfficialAccountInfoList as Array<Record<string, unknown>>).map((item) => item.Official_Account)).toEqual(['@TOA#_a4', '@TOA#_a5']);
    expect(second.json).toMatchObject({ CompleteFlag: 1, Next: 4 });
    const past = await list({ Subscriber_Account: 'reader', Offset: 9 });
    expect(past.json).toMatchObject({ OfficialAccountInfoList: [], CompleteFlag: 1, TotalCount: 4 });
  });

  it('filters base and self info, and answers an empty list for a user who follows nothing', async () => {
    const filtered = await list({ Subscriber_Account: 'u1', ResponseFilter: { OfficialAccountBaseInfoFilter: ['Name'], SelfInfoFilter: ['CustomString'] } });
    expect(filtered.json.OfficialAccountInfoList).toEqual([{ Official_Account: '@TOA#_news', Name: 'news', SelfInfo: { CustomString: '' } }]);
    expect((await list({ Subscriber_Account: 'nobody' })).json).toMatchObject({ OfficialAccountInfoList: [], TotalCount: 0, CompleteFlag: 1, Next: 0 });
  });

  it.each([
    ['Limit 201', { Subscriber_Account: 'u1', Limit: 201 }, 6017],
    ['Limit 0', { Subscriber_Account: 'u1', Limit: 0 }, 6017],
    ['a negative Offset', { Subscriber_Account: 'u1', Offset: -1 }, 6017],
    ['a string Offset', { Subscriber_Account: 'u1', Offset: '2' }, 20001],
    ['no Subscriber_Account', {}, 20001],
    ['a Next request field', { Subscriber_Account: 'u1', Next: 2 }, 20001],
    ['an unknown SelfInfoFilter value', { Subscriber_Account: 'u1', ResponseFilter: { SelfInfoFilter: ['MsgFlag'] } }, 6017],
  ])('rejects %s', async (_name, body, code) => {
    expect((await list(body)).json.ErrorCode).toBe(code);
  });
});
