// Seed files, generated CLI accounts, and the test-helper API of the child-process emulator.
import { DEFAULT_APP, generatedAccounts, parseSeedFile, startEmulator } from './emulator';
import { startEmulatorProcess } from './emulator/process';
import { emulatorClient } from './emulator/testClient';

const APP = DEFAULT_APP.sdkAppId;

describe('seed files', () => {
  it('reads imported users and account base info, and serves them', async () => {
    const seed = parseSeedFile(
      JSON.stringify({
        apps: [{ ...DEFAULT_APP, importedUsers: ['alice'] }],
        accounts: [{ sdkAppId: APP, officialAccount: '@TOA#_shop', owner: 'alice', name: 'Shop', introduction: 'Deals', maxSubscriberNum: 10, subscribers: ['bob'] }],
      }),
    );
    expect(seed.apps[0]?.importedUsers).toEqual(['alice']);
    const emulator = await startEmulator({ apps: seed.apps, accounts: seed.accounts });
    try {
      expect(emulator.account(APP, '@TOA#_shop')).toMatchObject({ Owner_Account: 'alice', Name: 'Shop', Introduction: 'Deals', MaxSubscriberNum: 10, SubscriberNum: 1 });
    } finally {
      await emulator.stop();
    }
  });

  it.each([
    ['a numeric owner', { accounts: [{ sdkAppId: APP, officialAccount: '@TOA#_x', owner: 5 }] }, /accounts\[0\]\.owner must be a string/],
    ['maxSubscriberNum 0', { accounts: [{ sdkAppId: APP, officialAccount: '@TOA#_x', maxSubscriberNum: 0 }] }, /maxSubscriberNum must be a positive integer/],
    ['importedUsers that are not strings', { apps: [{ ...DEFAULT_APP, importedUsers: [1] }] }, /apps\[0\]\.importedUsers/],
  ])('rejects %s with the path of the field', (_name, seed, message) => {
    expect(() => parseSeedFile(JSON.stringify(seed))).toThrow(message);
  });

  it('generates accounts that share their subscribers', () => {
    const accounts = generatedAccounts(APP, 3, 500);
    expect(accounts.map((a) => a.officialAccount)).toEqual(['@TOA#_demo_1', '@TOA#_demo_2', '@TOA#_demo_3']);
    expect(accounts[0]?.subscribers).toHaveLength(500);
    expect(accounts[2]?.subscribers?.[499]).toBe('user0500');
    expect(new Set(accounts[1]?.subscribers).size).toBe(500);
  });
});

describe('child-process emulator', () => {
  it('takes messageLimits and mirrors account, subscriberDetails, messages and deliveryCount', async () => {
    const child = await startEmulatorProcess({
      accounts: [{ sdkAppId: APP, officialAccount: '@TOA#_news', subscribers: ['s1', 's2', 's3'] }],
      messageLimits: { perSecond: 0, perHour: 0 },
    });
    const client = emulatorClient(() => child.url, () => Math.floor(Date.now() / 1000));
    try {
      for (const value of ['a', 'b', 'c']) {
        const body = { Official_Account: '@TOA#_news', Random: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: value } }] };
        expect((await client.oa('send_official_account_msg', body)).json.ErrorCode).toBe(0);
      }
      expect(await child.deliveryCount(APP, '@TOA#_news')).toBe(3);
      expect((await child.messages(APP, '@TOA#_news')).map((m) => m.MsgSeq)).toEqual([1, 2, 3]);
      expect(await child.account(APP, '@TOA#_news')).toMatchObject({ SubscriberNum: 3, LastMsgTime: expect.any(Number) });
      expect(await child.account(APP, '@TOA#_none')).toBeNull();
      expect((await child.subscriberDetails(APP, '@TOA#_news')).map((s) => s.MsgFlag)).toEqual(['AcceptAndNotify', 'AcceptAndNotify', 'AcceptAndNotify']);
      await child.setMessageLimits({ perHour: 3 });
      const body = { Official_Account: '@TOA#_news', Random: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'd' } }] };
      expect((await client.oa('send_official_account_msg', body)).json.ErrorCode).toBe(10023);
    } finally {
      await client.close();
      await child.stop();
    }
  });
});
