// The emulator's message commands over HTTP: send (MsgBody checks, 1/s, 2/h, duplicates), recall, history.
import type { EmulatorOptions, TencentChatEmulator } from './emulator';
import { DEFAULT_APP, startEmulator } from './emulator';
import type { EmulatorClient } from './emulator/testClient';
import { emulatorClient } from './emulator/testClient';

const APP = DEFAULT_APP.sdkAppId;
const NEWS = '@TOA#_news';
const CLOCK_START_MS = 1_700_000_000_000;
const START_SECONDS = CLOCK_START_MS / 1000;
let clockMs = CLOCK_START_MS;
let emulator: TencentChatEmulator;
let client: EmulatorClient;

const text = (value: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: value } }];
const IMAGE = {
  MsgType: 'TIMImageElem',
  MsgContent: {
    UUID: '1853095_D61040894AC3DE44CDFFFB3EC7EB720F',
    ImageFormat: 1,
    ImageInfoArray: [
      { Type: 1, Size: 1853095, Width: 2448, Height: 3264, URL: 'http://example.invalid/0' },
      { Type: 3, Size: 12535, Width: 0, Height: 0, URL: 'http://example.invalid/198' },
    ],
  },
};

async function restart(options: EmulatorOptions = {}): Promise<void> {
  await client?.close();
  await emulator?.stop();
  emulator = await startEmulator({
    accounts: [
      { sdkAppId: APP, officialAccount: NEWS, subscribers: ['u1', 'u2', 'u3'] },
      { sdkAppId: APP, officialAccount: '@TOA#_other' },
    ],
    nowMs: () => clockMs,
    ...options,
  });
  client = emulatorClient(() => emulator.url, () => Math.floor(clockMs / 1000));
}

function send(body: Record<string, unknown>) {
  return client.oa('send_official_account_msg', { Official_Account: NEWS, Random: 42, MsgBody: text('hello'), ...body });
}

beforeEach(async () => {
  clockMs = CLOCK_START_MS;
  await restart();
});

afterEach(async () => {
  await client.close();
  await emulator.stop();
});

describe('send_official_account_msg', () => {
  it('delivers, answers MsgKey <seq>_1_<seconds> and MsgTime, stores the message and counts the delivery', async () => {
    const reply = await send({ CloudCustomData: 'ccd', MsgBody: [...text('hi'), IMAGE] });
    expect(reply.json).toEqual({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', MsgTime: START_SECONDS, MsgKey: `1_1_${START_SECONDS}` });
    expect(emulator.messages(APP, NEWS)).toEqual([
      {
        MsgSeq: 1,
        MsgKey: `1_1_${START_SECONDS}`,
        MsgTime: START_SECONDS,
        MsgRandom: 42,
        MsgBody: [...text('hi'), IMAGE],
        CloudCustomData: 'ccd',
        OnlineOnlyFlag: 0,
        SendMsgControl: [],
        recipients: 3,
        recalled: false,
      },
    ]);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(1);
    expect(emulator.account(APP, NEWS)?.LastMsgTime).toBe(START_SECONDS);

    clockMs += 1500;
    expect((await send({ MsgBody: text('second') })).json.MsgKey).toBe(`2_1_${START_SECONDS + 1}`);
    // Sequences are per account.
    expect((await send({ Official_Account: '@TOA#_other' })).json.MsgKey).toBe(`1_1_${START_SECONDS + 1}`);
    expect(emulator.deliveryCount(APP)).toBe(3);
  });

  it('allows 1 message per second per account (10023), then again once a second has passed', async () => {
    expect((await send({ MsgBody: text('a') })).json.ErrorCode).toBe(0);
    clockMs += 999;
    expect((await send({ MsgBody: text('b') })).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10023, ErrorInfo: expect.stringContaining('per second') });
    expect((await send({ Official_Account: '@TOA#_other', MsgBody: text('b') })).json.ErrorCode).toBe(0);
    clockMs += 1;
    expect((await send({ MsgBody: text('b') })).json.ErrorCode).toBe(0);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(2);
  });

  it('allows 2 broadcasts per hour per account (the same 10023, saying when to retry)', async () => {
    expect((await send({ MsgBody: text('a') })).json.ErrorCode).toBe(0);
    clockMs += 10_000;
    expect((await send({ MsgBody: text('b') })).json.ErrorCode).toBe(0);
    clockMs += 10_000;
    const third = await send({ MsgBody: text('c') });
    expect(third.json).toMatchObject({ ErrorCode: 10023, ErrorInfo: expect.stringContaining('try again in 3580 seconds') });
    clockMs = CLOCK_START_MS + 3_600_000;
    expect((await send({ MsgBody: text('c') })).json.ErrorCode).toBe(0);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(3);
  });

  it('drops the same content within 5 minutes: the retry gets the first MsgKey and is not delivered again', async () => {
    const first = await send({ Random: 1 });
    const retry = await send({ Random: 1 });
    expect(retry.json).toEqual(first.json);
    clockMs += 60_000;
    // Rule 'content' (default): another Random does not make it new.
    expect((await send({ Random: 2 })).json.MsgKey).toBe(first.json.MsgKey);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(1);
    clockMs = CLOCK_START_MS + 300_000;
    expect((await send({ Random: 1 })).json.MsgKey).toBe(`2_1_${START_SECONDS + 300}`);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(2);
  });

  it('delivers once when a reply is lost and the caller retries the same message', async () => {
    emulator.script('official_account_open_http_svc/send_official_account_msg', ['lostReply']);
    await expect(send({ Random: 9 })).rejects.toThrow();
    expect(emulator.deliveryCount(APP, NEWS)).toBe(1);
    clockMs += 2000;
    const retry = await send({ Random: 9 });
    expect(retry.json).toMatchObject({ ErrorCode: 0, MsgKey: `1_1_${START_SECONDS}`, MsgTime: START_SECONDS });
    expect(emulator.deliveryCount(APP, NEWS)).toBe(1);
    expect(emulator.messages(APP, NEWS)).toHaveLength(1);
  });

  it('can judge duplicates by content and Random, and answer them with an error', async () => {
    await restart({ messageLimits: { duplicateRule: 'contentAndRandom', duplicateReply: 'error' } });
    expect((await send({ Random: 1 })).json.ErrorCode).toBe(0);
    const duplicate = await send({ Random: 1 });
    expect(duplicate.json).toMatchObject({ ErrorCode: 10024, ErrorInfo: expect.stringContaining(`1_1_${START_SECONDS}`) });
    clockMs += 1000;
    expect((await send({ Random: 2 })).json.ErrorCode).toBe(0);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(2);
  });

  it('relaxes or re-codes the limits through messageLimits and setMessageLimits', async () => {
    emulator.setMessageLimits({ perSecond: 0, perHour: 0, duplicateWindowSeconds: 0 });
    for (let i = 0; i < 5; i++) expect((await send({})).json.ErrorCode).toBe(0);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(5);
    emulator.setMessageLimits({ perSecond: 1, errorCodes: { perSecond: 12345 } });
    expect((await send({})).json.ErrorCode).toBe(12345);
  });

  it('answers the older 60018 / 60019 only when messageLimits asks for them', async () => {
    await restart({ messageLimits: { errorCodes: { perSecond: 60018, perHour: 60019 } } });
    expect((await send({ MsgBody: text('a') })).json.ErrorCode).toBe(0);
    expect((await send({ MsgBody: text('b') })).json.ErrorCode).toBe(60018);
    clockMs += 10_000;
    expect((await send({ MsgBody: text('b') })).json.ErrorCode).toBe(0);
    clockMs += 10_000;
    expect((await send({ MsgBody: text('c') })).json.ErrorCode).toBe(60019);
  });

  it('refuses a MsgBody over 8 KB (UTF-8 JSON) with 80002 and delivers nothing', async () => {
    const overhead = JSON.stringify(text('')).length;
    expect((await send({ MsgBody: text('x'.repeat(8192 - overhead)) })).json.ErrorCode).toBe(0);
    clockMs += 1000;
    // One byte over, counted in UTF-8: 'é' is 2 bytes.
    const over = await send({ MsgBody: text(`${'x'.repeat(8192 - overhead - 1)}é`) });
    expect(over.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 80002, ErrorInfo: expect.stringContaining('8193 bytes') });
    expect(emulator.deliveryCount(APP, NEWS)).toBe(1);
  });

  it('refuses a text with a blocked word with 80001 and delivers nothing', async () => {
    await restart({ messageLimits: { blockedWords: ['forbidden'] } });
    expect((await send({ MsgBody: text('A FORBIDDEN offer') })).json.ErrorCode).toBe(80001);
    expect(emulator.deliveryCount(APP, NEWS)).toBe(0);
  });

  const custom = { MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'push', Ext: 'e', Sound: 's' } };
  it.each([
    ['a MsgBody that is not an array', { MsgBody: { MsgType: 'TIMTextElem' } }, 20001],
    ['no MsgBody', { MsgBody: undefined }, 20001],
    ['an empty MsgBody', { MsgBody: [] }, 6017],
    ['an unknown MsgType', { MsgBody: [{ MsgType: 'TIMHtmlElem', MsgContent: {} }] }, 6017],
    ['two TIMCustomElem', { MsgBody: [custom, custom] }, 6017],
    ['a text element without Text', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: {} }] }, 20001],
    ['a numeric Text', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 5 } }] }, 20001],
    ['an unknown content field', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'a', Color: 'red' } }] }, 20001],
    ['an element field other than MsgType/MsgContent', { MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'a' }, Extra: 1 }] }, 20001],
    ['an image without UUID', { MsgBody: [{ ...IMAGE, MsgContent: { ...IMAGE.MsgContent, UUID: undefined } }] }, 20001],
    ['an image without ImageInfoArray', { MsgBody: [{ ...IMAGE, MsgContent: { UUID: 'u', ImageFormat: 1 } }] }, 20001],
    ['an image entry without Width', { MsgBody: [{ ...IMAGE, MsgContent: { UUID: 'u', ImageInfoArray: [{ Type: 1, Height: 1, URL: 'x' }] } }] }, 20001],
    ['an image entry of Type 4', { MsgBody: [{ ...IMAGE, MsgContent: { UUID: 'u', ImageInfoArray: [{ Type: 4, Width: 1, Height: 1, URL: 'x' }] } }] }, 6017],
    ['an image with an empty URL', { MsgBody: [{ ...IMAGE, MsgContent: { UUID: 'u', ImageInfoArray: [{ Type: 1, Width: 1, Height: 1, URL: '' }] } }] }, 6017],
    ['ImageFormat 7', { MsgBody: [{ ...IMAGE, MsgContent: { ...IMAGE.MsgContent, ImageFormat: 7 } }] }, 6017],
    ['a face without Index', { MsgBody: [{ MsgType: 'TIMFaceElem', MsgContent: { Data: 'x' } }] }, 20001],
    ['no Random', { Random: undefined }, 20001],
    ['a negative Random', { Random: -1 }, 6017],
    ['Random above 2^32-1', { Random: 4294967296 }, 6017],
    ['OnlineOnlyFlag 2', { OnlineOnlyFlag: 2 }, 6017],
    ['NoLastMsg with OnlineOnlyFlag 1', { OnlineOnlyFlag: 1, SendMsgControl: ['NoLastMsg'] }, 6017],
    ['an unknown SendMsgControl value', { SendMsgControl: ['NoUnread'] }, 6017],
    ['an unknown OfflinePushInfo field', { OfflinePushInfo: { PushFlag: 0, Badge: 1 } }, 20001],
    ['ApnsInfo BadgeMode 2', { OfflinePushInfo: { ApnsInfo: { BadgeMode: 2 } } }, 6017],
    ['a numeric CloudCustomData', { CloudCustomData: 5 }, 20001],
    ['an unknown field', { To_Account: 'u1' }, 20001],
    ['an unknown account', { Official_Account: '@TOA#_nope' }, 130004],
  ])('rejects %s and delivers nothing', async (_name, overrides, code) => {
    expect((await send(overrides)).json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
    expect(emulator.deliveryCount(APP)).toBe(0);
    expect(emulator.messages(APP, NEWS)).toEqual([]);
  });

  it('accepts every documented element type, the full OfflinePushInfo sample and the largest Random', async () => {
    const body = [
      ...text('red packet'),
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 6, Data: 'abc\u0000\u0001' } },
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'here', Latitude: 22.5, Longitude: 113.9 } },
      custom,
      IMAGE,
      { MsgType: 'TIMSoundElem', MsgContent: { Url: 'http://s', Size: 1, Second: 2, Download_Flag: 2 } },
      { MsgType: 'TIMFileElem', MsgContent: { Url: 'http://f', FileSize: 1, FileName: 'a.txt', Download_Flag: 2 } },
      { MsgType: 'TIMVideoFileElem', MsgContent: { VideoUrl: 'http://v', VideoSize: 1, VideoSecond: 2, VideoFormat: 'mp4', VideoDownloadFlag: 2, ThumbUrl: 'http://t', ThumbSize: 1, ThumbWidth: 1, ThumbHeight: 1, ThumbFormat: 'JPG', ThumbDownloadFlag: 2 } },
    ];
    const OfflinePushInfo = {
      PushFlag: 0,
      Desc: 'Offline Push Content',
      Ext: 'This is the transmitted content',
      AndroidInfo: { Sound: 'android.mp3', XiaoMiChannelID: 'c' },
      ApnsInfo: { Sound: 'apns.mp3', BadgeMode: 1, Title: 'apns title', SubTitle: 'apns subtitle', Image: 'www.image.com' },
    };
    const reply = await send({ MsgBody: body, Random: 4294967295, OfflinePushInfo, SendMsgControl: ['NoLastMsg'] });
    expect(reply.json.ErrorCode).toBe(0);
    expect(emulator.messages(APP, NEWS)[0]).toMatchObject({ MsgRandom: 4294967295, OfflinePushInfo, SendMsgControl: ['NoLastMsg'] });
    clockMs += 1000;
    expect((await send({ MsgBody: text('online'), OnlineOnlyFlag: 1 })).json.ErrorCode).toBe(0);
    expect(emulator.messages(APP, NEWS)[1]?.OnlineOnlyFlag).toBe(1);
  });
});

describe('official_account_msg_recall', () => {
  async function sendMany(count: number): Promise<string[]> {
    emulator.setMessageLimits({ perSecond: 0, perHour: 0 });
    const keys: string[] = [];
    for (let i = 0; i < count; i++) keys.push((await send({ MsgBody: text(`m${i}`) })).json.MsgKey as string);
    return keys;
  }
  const recall = (MsgKeyList: unknown, extra: Record<string, unknown> = {}) => client.oa('official_account_msg_recall', { Official_Account: NEWS, MsgKeyList, ...extra });
  const codes = (json: Record<string, unknown>) => (json.RecallRetList as Array<{ MsgKey: string; RetCode: number }>).map((r) => [r.MsgKey, r.RetCode]);

  it('answers a RetCode per key in order: 0 recalled, 10030 unknown (and, UNCERTAIN, recalled before)', async () => {
    const [k1, k2] = await sendMany(2);
    const reply = await recall([k1, '99_1_1', k1, k2], { Reason: 'typo' });
    expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    expect(codes(reply.json)).toEqual([
      [k1, 0],
      ['99_1_1', 10030],
      [k1, 10030],
      [k2, 0],
    ]);
    expect(emulator.messages(APP, NEWS).map((m) => m.recalled)).toEqual([true, true]);
    // Recalling does not undo a delivery.
    expect(emulator.deliveryCount(APP, NEWS)).toBe(2);
  });

  it('answers 10031 (recall time limit passed) for a message older than recallTimeLimitSeconds, and a chosen code for one recalled before', async () => {
    await restart({ messageLimits: { recallTimeLimitSeconds: 120, alreadyRecalledRetCode: 10031 } });
    const [k1, k2] = await sendMany(2);
    expect(codes((await recall([k1])).json)).toEqual([[k1, 0]]);
    expect(codes((await recall([k1])).json)).toEqual([[k1, 10031]]);
    clockMs += 121_000;
    expect(codes((await recall([k2])).json)).toEqual([[k2, 10031]]);
    expect(emulator.messages(APP, NEWS).map((m) => m.recalled)).toEqual([true, false]);
  });

  it('fails keys picked by resultZero with 10002 and leaves them recallable', async () => {
    const [k1, k2] = await sendMany(2);
    emulator.script('official_account_open_http_svc/official_account_msg_recall', [{ resultZero: [k2 as string] }]);
    expect(codes((await recall([k1, k2])).json)).toEqual([
      [k1, 0],
      [k2, 10002],
    ]);
    expect(codes((await recall([k2])).json)).toEqual([[k2, 0]]);
  });

  it.each([
    ['11 keys', Array.from({ length: 11 }, (_, i) => `${i}_1_1`), {}, 6017],
    ['no keys', [], {}, 6017],
    ['numeric keys', [1], {}, 20001],
    ['a Reason over 100 bytes', ['1_1_1'], { Reason: 'é'.repeat(51) }, 6017],
    ['an unknown field', ['1_1_1'], { MsgSeq: 1 }, 20001],
    ['an unknown account', ['1_1_1'], { Official_Account: '@TOA#_nope' }, 130004],
  ])('rejects %s', async (_name, keys, extra, code) => {
    expect((await recall(keys, extra)).json.ErrorCode).toBe(code);
  });

  it('takes exactly 10 keys', async () => {
    const keys = await sendMany(10);
    expect(codes((await recall(keys)).json).every(([, code]) => code === 0)).toBe(true);
  });
});

describe('official_account_msg_get_simple', () => {
  const history = (body: Record<string, unknown>) => client.oa('official_account_msg_get_simple', { Official_Account: NEWS, ...body });
  const keysOf = (json: Record<string, unknown>) => (json.RspMsgList as Array<{ MsgKey: string }>).map((m) => m.MsgKey);

  async function sendMany(count: number): Promise<string[]> {
    emulator.setMessageLimits({ perSecond: 0, perHour: 0 });
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      keys.push((await send({ MsgBody: text(`m${i}`), Random: i })).json.MsgKey as string);
      clockMs += 1000;
    }
    return keys;
  }

  it('pages newest first through LastMsgKey, 20 at most, with IsFinished', async () => {
    const keys = await sendMany(45);
    const newestFirst = [...keys].reverse();
    const first = await history({});
    expect(first.json).toMatchObject({ ActionStatus: 'OK', Official_Account: NEWS, IsFinished: 0, LastMsgKey: newestFirst[19] });
    expect(keysOf(first.json)).toEqual(newestFirst.slice(0, 20));
    expect((first.json.RspMsgList as unknown[])[0]).toEqual({
      From_Account: NEWS,
      IsPlaceMsg: 0,
      MsgBody: text('m44'),
      MsgSeq: 45,
      MsgKey: newestFirst[0],
      MsgTimeStamp: START_SECONDS + 44,
      MsgRandom: 44,
    });
    const second = await history({ LastMsgKey: first.json.LastMsgKey, ReqMsgNumber: 20 });
    expect(keysOf(second.json)).toEqual(newestFirst.slice(20, 40));
    const third = await history({ LastMsgKey: second.json.LastMsgKey, ReqMsgNumber: 20 });
    expect(keysOf(third.json)).toEqual(newestFirst.slice(40));
    expect(third.json.IsFinished).toBe(1);
    const past = await history({ LastMsgKey: third.json.LastMsgKey });
    expect(past.json).toMatchObject({ RspMsgList: [], IsFinished: 1, LastMsgKey: third.json.LastMsgKey });
  });

  it('leaves recalled messages out unless WithRecalledMsg is 1, then flags them IsPlaceMsg 2 without a body', async () => {
    const [k1, k2, k3] = await sendMany(3);
    await client.oa('official_account_msg_recall', { Official_Account: NEWS, MsgKeyList: [k2] });
    expect(keysOf((await history({})).json)).toEqual([k3, k1]);
    const withRecalled = await history({ WithRecalledMsg: 1, ReqMsgNumber: 2 });
    expect(keysOf(withRecalled.json)).toEqual([k3, k2]);
    expect((withRecalled.json.RspMsgList as Array<Record<string, unknown>>)[1]).toMatchObject({ MsgKey: k2, IsPlaceMsg: 2, MsgBody: [] });
    // A recalled message's key still works as a cursor.
    expect(keysOf((await history({ LastMsgKey: k2 })).json)).toEqual([k1]);
  });

  it.each([
    ['ReqMsgNumber 21', { ReqMsgNumber: 21 }, 6017],
    ['ReqMsgNumber 0', { ReqMsgNumber: 0 }, 6017],
    ['a malformed LastMsgKey', { LastMsgKey: 'latest' }, 6017],
    ['WithRecalledMsg 2', { WithRecalledMsg: 2 }, 6017],
    ['an unknown field', { Limit: 5 }, 20001],
    ['an unknown account', { Official_Account: '@TOA#_nope' }, 130004],
  ])('rejects %s', async (_name, body, code) => {
    expect((await history(body)).json.ErrorCode).toBe(code);
  });
});
