// End-to-end loop in-process: the emulator, configured with the trigger's URL and token, raises Tencent's
// callbacks when its REST commands change state; the trigger (real WebhookContext behind real HTTP) gets them.
// NEEDS the emulator branch: its handlers raise context.callbacks.after/before (this branch only sends them).
import { DEFAULT_APP, signUserSigForTests, startEmulator, type TencentChatEmulator } from '../emulator';
import { emulatorCredentials, runDeleteSubscribers } from '../engine/tencentNode';
import { RefuseListedNode, REFUSE_NODE_TYPE } from './fixtures';
import { startWebhookServer, type WebhookServer } from './webhookServer';

const ACCOUNT = '@TOA#_loop';
const TOKEN = 'loop-callback-token';
const AFTER_DELETE = 'OfficialAccount.CallbackAfterDeleteSubscriber';
const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';

let emulator: TencentChatEmulator;
const servers: WebhookServer[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ accounts: [{ sdkAppId: DEFAULT_APP.sdkAppId, officialAccount: ACCOUNT, subscribers: ['u1', 'u2', 'u3'] }] });
});

afterEach(async () => {
  await emulator.stop();
  for (const server of servers.splice(0)) await server.stop();
});

async function addSubscribers(ids: string[]): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({
    sdkappid: String(DEFAULT_APP.sdkAppId),
    identifier: 'administrator',
    usersig: signUserSigForTests(DEFAULT_APP.sdkAppId, DEFAULT_APP.secretKey, 'administrator', 86400, Math.floor(Date.now() / 1000)),
    random: '1',
    contenttype: 'json',
  });
  const response = await fetch(`${emulator.url}/v4/official_account_open_http_svc/add_subscriber?${query}`, {
    method: 'POST',
    body: JSON.stringify({ Official_Account: ACCOUNT, SubscriberList: ids.map((id) => ({ Subscriber_Account: id })) }),
  });
  return (await response.json()) as Record<string, unknown>;
}

it('delete_subscriber through the action node -> AfterDeleteSubscriber reaches the trigger, signed', async () => {
  const trigger = await startWebhookServer({
    parameters: { events: [AFTER_DELETE], respond: 'onReceived' },
    credentials: emulatorCredentials(emulator, { callbackToken: TOKEN }),
  });
  servers.push(trigger);
  emulator.setCallback(trigger.url, TOKEN);

  const run = await runDeleteSubscribers({ emulator, input: [{ account: ACCOUNT, ids: 'u1,u2' }] });
  expect(run.status).toBe('success');
  await emulator.callbacksSettled();

  expect(emulator.callbackLog.map((record) => [record.command, record.httpStatus])).toEqual([[AFTER_DELETE, 200]]);
  expect(trigger.executions).toHaveLength(1);
  const [item] = trigger.executions[0];
  expect(item.json).toMatchObject({ CallbackCommand: AFTER_DELETE, Official_Account: ACCOUNT, SdkAppid: DEFAULT_APP.sdkAppId, OptPlatform: 'RESTAPI' });
  const deleted = (item.json.SubscribeAccountList as Array<{ Subscriber_Account: string }>).map((entry) => entry.Subscriber_Account).sort();
  expect(deleted).toEqual(['u1', 'u2']);
});

it('a callback signed with another token is refused with 401 and starts nothing', async () => {
  const trigger = await startWebhookServer({
    parameters: { events: [AFTER_DELETE], respond: 'onReceived' },
    credentials: emulatorCredentials(emulator, { callbackToken: TOKEN }),
  });
  servers.push(trigger);
  emulator.setCallback(trigger.url, 'not-the-token');
  await runDeleteSubscribers({ emulator, input: [{ account: ACCOUNT, ids: 'u3' }] });
  await emulator.callbacksSettled();
  expect(emulator.callbackLog.map((record) => record.httpStatus)).toEqual([401]);
  expect(trigger.executions).toHaveLength(0);
});

it("add_subscriber waits for Before Add Subscriber; the workflow's refusal gives that user Result 0", async () => {
  const trigger = await startWebhookServer({
    parameters: { events: [BEFORE_ADD], respond: 'lastNode' },
    credentials: emulatorCredentials(emulator, { callbackToken: TOKEN }),
    downstream: [{ name: 'Decide', type: REFUSE_NODE_TYPE, nodeType: new RefuseListedNode(), parameters: { refuse: 'jared' } }],
  });
  servers.push(trigger);
  emulator.setCallback(trigger.url, TOKEN);

  const reply = await addSubscribers(['jared', 'leckie']);
  const results = Object.fromEntries(
    ((reply.SubscriberList ?? []) as Array<{ Subscriber_Account: string; Result: number }>).map((entry) => [entry.Subscriber_Account, entry.Result]),
  );
  expect(results).toEqual({ jared: 0, leckie: 1 });
  expect(emulator.subscribers(DEFAULT_APP.sdkAppId, ACCOUNT)).toEqual(['leckie', 'u1', 'u2', 'u3']);
  expect(emulator.callbackLog[0]).toMatchObject({ kind: 'before', command: BEFORE_ADD, httpStatus: 200, reply: { RefusedSubscribers_Account: ['jared'] } });
});
