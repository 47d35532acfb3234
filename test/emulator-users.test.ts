// The emulator's user commands over HTTP: multiaccount_import (FailAccounts, profiles, failing IDs) and account_check.
import type { TencentChatEmulator } from './emulator';
import { DEFAULT_APP, startEmulator } from './emulator';
import type { EmulatorClient } from './emulator/testClient';
import { emulatorClient } from './emulator/testClient';

const APP = DEFAULT_APP.sdkAppId;
const IMPORT = 'im_open_login_svc/multiaccount_import';
const CHECK = 'im_open_login_svc/account_check';
let emulator: TencentChatEmulator;
let client: EmulatorClient;

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<void> {
  emulator = await startEmulator({ accounts: [{ sdkAppId: APP, officialAccount: '@TOA#_news' }], ...options });
  client = emulatorClient(() => emulator.url, () => Math.floor(Date.now() / 1000));
}

afterEach(async () => {
  await client.close();
  await emulator.stop();
});

async function statuses(ids: string[]): Promise<string[]> {
  const reply = await client.call(CHECK, { CheckItem: ids.map((UserID) => ({ UserID })) });
  return (reply.json.ResultItem as Array<{ AccountStatus: string }>).map((item) => item.AccountStatus);
}

describe('multiaccount_import', () => {
  it('imports the new form with profiles, lists invalid UserIDs in FailAccounts, and account_check sees the result', async () => {
    await start();
    const tooLong = 'x'.repeat(33);
    const reply = await client.call(IMPORT, {
      AccountList: [{ UserID: 'alice', Nick: 'Alice', FaceUrl: 'https://example.com/a.png' }, { UserID: 'bob' }, { UserID: tooLong }, { UserID: '' }, { UserID: 'bad\u00e9' }],
    });
    expect(reply.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', FailAccounts: [tooLong, '', 'bad\u00e9'] });
    expect(await statuses(['alice', 'bob', tooLong, 'carol'])).toEqual(['Imported', 'Imported', 'NotImported', 'NotImported']);
    expect(emulator.userProfile(APP, 'alice')).toEqual({ Nick: 'Alice', FaceUrl: 'https://example.com/a.png' });
    expect(emulator.userProfile(APP, 'bob')).toBeUndefined();
  });

  it('accepts the old form, treats a repeated import as a success and replaces only the profile fields given', async () => {
    await start();
    expect((await client.call(IMPORT, { Accounts: ['u1', 'u2'] })).json).toMatchObject({ ErrorCode: 0, FailAccounts: [] });
    await client.call(IMPORT, { AccountList: [{ UserID: 'u1', Nick: 'One', FaceUrl: 'f1' }] });
    const again = await client.call(IMPORT, { AccountList: [{ UserID: 'u1', Nick: 'Uno' }, { UserID: 'u2' }] });
    expect(again.json).toMatchObject({ ErrorCode: 0, FailAccounts: [] });
    expect(emulator.userProfile(APP, 'u1')).toEqual({ Nick: 'Uno', FaceUrl: 'f1' });
    expect(emulator.isImported(APP, 'u2')).toBe(true);
  });

  it('fails the IDs chosen by the failingImports option, setFailingImports() and a scripted resultZero', async () => {
    await start({ failingImports: ['blocked'] });
    emulator.script(IMPORT, [{ resultZero: ['once'] }]);
    const first = await client.call(IMPORT, { AccountList: [{ UserID: 'blocked' }, { UserID: 'once' }, { UserID: 'fine' }] });
    expect(first.json.FailAccounts).toEqual(['blocked', 'once']);
    const second = await client.call(IMPORT, { AccountList: [{ UserID: 'once' }] });
    expect(second.json.FailAccounts).toEqual([]);
    emulator.setFailingImports(['fine2']);
    const third = await client.call(IMPORT, { AccountList: [{ UserID: 'blocked' }, { UserID: 'fine2' }] });
    expect(third.json.FailAccounts).toEqual(['fine2']);
    expect(await statuses(['blocked', 'once', 'fine', 'fine2'])).toEqual(['Imported', 'Imported', 'Imported', 'NotImported']);
  });

  it.each([
    ['no list', {}],
    ['both forms', { Accounts: ['a'], AccountList: [{ UserID: 'b' }] }],
    ['an empty list', { AccountList: [] }],
    ['101 users', { AccountList: Array.from({ length: 101 }, (_, i) => ({ UserID: `u${i}` })) }],
    ['an item without UserID', { AccountList: [{ Nick: 'x' }] }],
    ['an unknown item field', { AccountList: [{ UserID: 'a', Identifier: 'a' }] }],
    ['a numeric Nick', { AccountList: [{ UserID: 'a', Nick: 5 }] }],
    ['a non-string old-form entry', { Accounts: [5] }],
  ])('rejects %s with 70402 and imports nothing', async (_, body) => {
    await start();
    const reply = await client.call(IMPORT, body);
    expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 70402 });
    expect(emulator.isImported(APP, 'a')).toBe(false);
    expect(emulator.isImported(APP, 'u0')).toBe(false);
  });
});

describe('add_subscriber with subscribersMustBeImported', () => {
  it('answers Result 0 for a UserID never imported, and subscribes it once imported', async () => {
    await start({ subscribersMustBeImported: true });
    const add = () => client.oa('add_subscriber', { Official_Account: '@TOA#_news', SubscriberList: [{ Subscriber_Account: 'newbie' }] });
    expect((await add()).json.SubscriberList).toEqual([{ Subscriber_Account: 'newbie', Result: 0 }]);
    await client.call(IMPORT, { AccountList: [{ UserID: 'newbie' }] });
    expect((await add()).json.SubscriberList).toEqual([{ Subscriber_Account: 'newbie', Result: 1 }]);
    expect(emulator.subscribers(APP, '@TOA#_news')).toEqual(['newbie']);
  });
});
