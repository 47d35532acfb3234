import { callbackItems, eventKey } from '../../nodes/TencentChatOfficialAccountTrigger/callbackItems';
import { parseCallbackBody } from '../../nodes/TencentChatOfficialAccountTrigger/parseCallbackBody';

const COMMAND = 'OfficialAccount.CallbackAfterDeleteSubscriber';
const BODY = {
  CallbackCommand: COMMAND,
  Official_Account: '@TOA#_news',
  Operator_Account: 'administrator',
  SubscribeAccountList: [{ Subscriber_Account: 'u1' }, { Subscriber_Account: 'u2' }],
  EventTime: 1670574414123,
};
const QUERY = { SdkAppid: 1400000001, ClientIP: '1.2.3.4', OptPlatform: 'RESTAPI', RequestTime: '1670574414' };

describe('parseCallbackBody', () => {
  it('takes a parsed object as it is', () => {
    expect(parseCallbackBody(BODY, undefined)).toEqual({ ok: true, body: BODY });
  });
  it('parses a text/plain string', () => {
    expect(parseCallbackBody(JSON.stringify(BODY), undefined)).toEqual({ ok: true, body: BODY });
  });
  it('parses the raw bytes when the body reader left {}', () => {
    expect(parseCallbackBody({}, Buffer.from(JSON.stringify(BODY)))).toEqual({ ok: true, body: BODY });
  });
  it.each([
    ['not JSON', '{"CallbackCommand":', 'not valid JSON'],
    ['a JSON array', '[1,2]', 'not an object'],
    ['empty', {}, 'empty'],
  ])('refuses a body that is %s', (_label, body, problem) => {
    const parsed = parseCallbackBody(body, undefined);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });
  it('refuses raw bytes that are not JSON', () => {
    expect(parseCallbackBody({}, Buffer.from('SdkAppid=1')).ok).toBe(false);
  });
});

describe('eventKey', () => {
  it('is a SHA-256 hex digest, equal under reordering of the subscribers and of the keys', () => {
    const reordered = {
      EventTime: BODY.EventTime,
      SubscribeAccountList: [{ Subscriber_Account: 'u2' }, { Subscriber_Account: 'u1' }],
      Operator_Account: 'administrator',
      Official_Account: '@TOA#_news',
      CallbackCommand: COMMAND,
    };
    expect(eventKey(1, BODY)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventKey(1, reordered)).toBe(eventKey(1, BODY));
  });
  it('differs for another time, account, app or subscriber', () => {
    const key = eventKey(1, BODY);
    expect(eventKey(1, { ...BODY, EventTime: BODY.EventTime + 1 })).not.toBe(key);
    expect(eventKey(1, { ...BODY, Official_Account: '@TOA#_other' })).not.toBe(key);
    expect(eventKey(2, BODY)).not.toBe(key);
    expect(eventKey(1, { ...BODY, SubscribeAccountList: [{ Subscriber_Account: 'u1' }] })).not.toBe(key);
  });
});

describe('callbackItems', () => {
  it('gives one item per callback with body, query fields, ISO time and key, and no Sign', () => {
    const [item, ...rest] = callbackItems(COMMAND, BODY, QUERY, 'perCallback');
    expect(rest).toHaveLength(0);
    expect(item.json).toEqual({
      ...BODY,
      ...QUERY,
      eventTimeIso: '2022-12-09T08:26:54.123Z',
      eventKey: eventKey(QUERY.SdkAppid, BODY),
    });
    expect(item.json).not.toHaveProperty('Sign');
  });
  it('gives one item per subscriber, each keyed like a callback for that subscriber alone', () => {
    const items = callbackItems(COMMAND, BODY, QUERY, 'perSubscriber');
    expect(items.map((item) => item.json.Subscriber_Account)).toEqual(['u1', 'u2']);
    expect(items[0].json).not.toHaveProperty('SubscribeAccountList');
    expect(items[0].json.Official_Account).toBe('@TOA#_news');
    const single = { ...BODY, SubscribeAccountList: [{ Subscriber_Account: 'u1' }] };
    expect(items[0].json.eventKey).toBe(eventKey(QUERY.SdkAppid, single));
    expect(items[0].json.eventKey).not.toBe(items[1].json.eventKey);
  });
  it('falls back to one item per callback when there is no subscriber list', () => {
    const body = { CallbackCommand: 'OfficialAccount.CallbackAfterOfficialAccountFull', Official_Account: '@TOA#_news', EventTime: 1 };
    const items = callbackItems(body.CallbackCommand, body, QUERY, 'perSubscriber');
    expect(items).toHaveLength(1);
    expect(items[0].json.Official_Account).toBe('@TOA#_news');
  });
});
