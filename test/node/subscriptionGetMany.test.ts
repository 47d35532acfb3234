// Subscription → Get Many (get_subscribed_official_account_list) in the n8n engine against the emulator:
// Return All / Limit over Offset, one item per followed account.
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type TencentChatEmulator } from '../emulator';
import type { OnError } from '../engine/runNode';
import { bodiesOf, callsOf, COMMAND, everythingStored, expectNoSecrets, runOperation } from './accountFixtures';
import { APP, ids, jsonOf, pairedIndexes } from './fixtures';

/** 450 accounts: `fan` follows all of them (3 pages of at most 200), `casual` follows 3, `loner` none. */
const ACCOUNTS = ids('@TOA#_s', 450);
const CASUAL_FOLLOWS = [ACCOUNTS[0], ACCOUNTS[10], ACCOUNTS[20]];

async function list(emulator: TencentChatEmulator, input: IDataObject[], extra: { onError?: OnError; options?: IDataObject; returnAll?: boolean; limit?: number } = {}) {
	return await runOperation('subscription', 'getMany', {
		emulator,
		input,
		onError: extra.onError,
		parameters: { subscriberId: '={{ $json.user }}', returnAll: extra.returnAll ?? true, limit: extra.limit ?? 50, options: extra.options ?? {} },
	});
}

describe('Subscription → Get Many', () => {
	let emulator: TencentChatEmulator;
	beforeAll(async () => {
		emulator = await startEmulator({
			accounts: ACCOUNTS.map((officialAccount) => ({
				sdkAppId: APP,
				officialAccount,
				subscribers: CASUAL_FOLLOWS.includes(officialAccount) ? ['fan', 'casual'] : ['fan'],
				introduction: 'Hello',
			})),
		});
		emulator.importUsers(APP, ['loner']);
		emulator.setSubscriberInfo(APP, ACCOUNTS[10], 'casual', { CustomString: 'vip' });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => {
		emulator.resetCalls();
		emulator.clearFaults();
	});

	it('Return All follows Offset across 3 pages to the end, one item per account with the subscription time', async () => {
		const result = await list(emulator, [{ user: 'fan' }]);

		expect(result.status).toBe('success');
		const bodies = bodiesOf(emulator, COMMAND.getSubscribed);
		expect(bodies).toEqual([
			{ Subscriber_Account: 'fan', Limit: 200, Offset: 0 },
			{ Subscriber_Account: 'fan', Limit: 200, Offset: 200 },
			{ Subscriber_Account: 'fan', Limit: 200, Offset: 400 },
		]);
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.officialAccount)).toEqual(ACCOUNTS);
		expect(new Set(pairedIndexes(result.outputs[0]))).toEqual(new Set([0]));
		const subscribed = emulator.subscriberDetails(APP, ACCOUNTS[0]).find((entry) => entry.Subscriber_Account === 'fan')?.SubscribeTime as number;
		expect(out[0]).toEqual(
			expect.objectContaining({
				officialAccount: ACCOUNTS[0],
				subscriberId: 'fan',
				name: 's0001',
				introduction: 'Hello',
				subscriberCount: 2,
				subscribeTime: subscribed,
				subscribeTimeIso: new Date(subscribed * 1000).toISOString(),
				subscriberCustomString: '',
			}),
		);
		expect(out[0]).not.toHaveProperty('SelfInfo');
	});

	it('Limit stops after that many across pages, asking only for what is still needed', async () => {
		const result = await list(emulator, [{ user: 'fan' }], { returnAll: false, limit: 420 });
		expect(bodiesOf(emulator, COMMAND.getSubscribed).map((body) => [body.Offset, body.Limit])).toEqual([
			[0, 200],
			[200, 200],
			[400, 20],
		]);
		expect(jsonOf(result.outputs[0]).map((json) => json.officialAccount)).toEqual(ACCOUNTS.slice(0, 420));
	});

	it('a small Limit is one call', async () => {
		const result = await list(emulator, [{ user: 'fan' }], { returnAll: false, limit: 5 });
		expect(bodiesOf(emulator, COMMAND.getSubscribed)).toEqual([{ Subscriber_Account: 'fan', Limit: 5, Offset: 0 }]);
		expect(jsonOf(result.outputs[0])).toHaveLength(5);
	});

	it('lists per item, each paired with its item; a user who follows nothing gives no item', async () => {
		const result = await list(emulator, [{ user: 'casual' }, { user: 'loner' }, { user: 'casual' }]);
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => json.officialAccount)).toEqual([...CASUAL_FOLLOWS, ...CASUAL_FOLLOWS]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 0, 2, 2, 2]);
		expect(out[1]).toMatchObject({ subscriberId: 'casual', subscriberCustomString: 'vip', subscriberCount: 2 });
		// One page each: CompleteFlag ends the list without asking for an empty page.
		expect(callsOf(emulator, COMMAND.getSubscribed)).toHaveLength(3);
	});

	it('checks the Subscriber ID before sending: a bad one is that item\'s error, the good items proceed', async () => {
		const result = await list(emulator, [{ user: '' }, { user: 'casual' }, { user: 'usér' }, { user: 'x'.repeat(33) }, { user: { id: 1 } }], { onError: 'continueRegularOutput' });
		const out = jsonOf(result.outputs[0]);
		const byItem = (index: number) => out.filter((_, i) => pairedIndexes(result.outputs[0])[i] === index);
		expect(byItem(0)).toEqual([{ error: 'Subscriber ID is empty [item 0]', field: 'Subscriber ID', reason: 'Subscriber ID is empty' }]);
		expect(byItem(1)).toHaveLength(3);
		expect(byItem(2)[0].error).toBe('Subscriber ID "usér" contains characters other than printable ASCII [item 2]');
		expect(byItem(3)[0].error).toMatch(/longer than 32 bytes \[item 3\]$/);
		expect(byItem(4)[0].error).toBe('Subscriber ID must be text or a number, not an object [item 4]');
		expect(bodiesOf(emulator, COMMAND.getSubscribed).map((body) => body.Subscriber_Account)).toEqual(['casual']);
	});

	it('retries a failed page (HTTP 502, 20005) and carries on from the same Offset', async () => {
		emulator.script(COMMAND.getSubscribed, ['ok', 'http502', { errorCode: 20005 }]);
		const result = await list(emulator, [{ user: 'fan' }]);
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toHaveLength(450);
		expect(callsOf(emulator, COMMAND.getSubscribed).map((call) => [call.outcome, (call.body as IDataObject).Offset])).toEqual([
			['ok', 0],
			['http502', 200],
			['error', 200],
			['ok', 200],
			['ok', 400],
		]);
	});

	describe('a page that fails for good fails the item, saying what was read', () => {
		// One call at a time, so the scripted replies meet the calls in a known order (fan 1, casual, fan 2, fan 3).
		const oneAtATime = { maxConcurrentRequests: 1 };
		const script = (e: TencentChatEmulator, okPages = 2) => e.script(COMMAND.getSubscribed, [...Array(okPages).fill('ok'), { errorCode: 6017 }]);

		it('without "continue"', async () => {
			script(emulator);
			const result = await list(emulator, [{ user: 'fan' }]);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Page 3 of the subscriptions could not be read after 400 subscriptions were read: .*\[item 0\]$/);
			expect(result.error?.description).toMatch(/Check the subscriber ID \(a UserID of this app\)/);
			expect((result.error as { httpCode?: string }).httpCode).toBe('6017');
		});

		it('"Continue (using regular output)": the failure in place of the item\'s accounts', async () => {
			script(emulator, 3);
			const result = await list(emulator, [{ user: 'fan' }, { user: 'casual' }], { onError: 'continueRegularOutput', options: oneAtATime });
			const out = jsonOf(result.outputs[0]);
			expect(out[0]).toMatchObject({ subscriberId: 'fan', readSoFar: 400, page: 3, errorCode: '6017', error: expect.stringMatching(/Page 3.*\[item 0\]$/) });
			expect(out.slice(1).map((json) => json.officialAccount)).toEqual(CASUAL_FOLLOWS);
			expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 1, 1]);
		});

		it('"Continue (using error output)": the failure on output 2', async () => {
			script(emulator, 3);
			const result = await list(emulator, [{ user: 'fan' }, { user: 'casual' }], { onError: 'continueErrorOutput', options: oneAtATime });
			expect(jsonOf(result.outputs[0]).map((json) => json.officialAccount)).toEqual(CASUAL_FOLLOWS);
			expect(result.outputs[1].map((item) => item.json)).toEqual([
				{ error: expect.stringMatching(/after 400 subscriptions were read.*\[item 0\]$/), details: expect.objectContaining({ subscriberId: 'fan', readSoFar: 400, errorCode: '6017' }) },
			]);
			expect(pairedIndexes(result.outputs[1])).toEqual([0]);
		});
	});

	it('stores no secret key or UserSig, also when pages fail', async () => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			emulator.script(COMMAND.getSubscribed, ['socketReset', 'socketReset']);
			const result = await list(emulator, [{ user: 'casual' }], { onError, options: { retries: 1 } });
			expectNoSecrets(everythingStored(result));
		}
	});
});
