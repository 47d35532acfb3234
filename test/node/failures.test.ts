import type { TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { APP, deleteCalls, emulatorWith, jsonOf, pairedIndexes } from './fixtures';

const NEWS = '@TOA#_news';
const GONE = '@TOA#_destroyed';

describe('failures and the On Error setting', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['n1', 'n2', 'n3'] });
	});
	afterEach(async () => await emulator.stop());

	const mixedInput = [
		{ account: NEWS, ids: ['n1', 'n2'] },
		{ account: GONE, ids: ['g1'] },
		{ account: NEWS, ids: ['n3'] },
	];

	it('without "continue" finishes the calls under way, then fails naming the subscriber, item and code', async () => {
		const result = await runDeleteSubscribers({ emulator, input: mixedInput });

		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toContain('"g1"');
		expect(result.error?.message).toContain('[item 1]');
		expect(result.error?.message).toContain(GONE);
		expect(result.error?.description).toMatch(/does not exist/);
		expect(result.error?.description).toMatch(/Official Account ID/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		// Both accounts' calls were already under way; the good one completed.
		expect(emulator.subscribers(APP, NEWS)).toEqual([]);
	});

	it('"Continue (using regular output)" keeps good items and turns each failed subscriber into an item', async () => {
		const result = await runDeleteSubscribers({ emulator, input: mixedInput, onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		expect(result.outputs).toHaveLength(1);
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.status])).toEqual([
			['n1', 'deleted'],
			['n2', 'deleted'],
			['g1', 'failed'],
			['n3', 'deleted'],
		]);
		expect(out[2]).toMatchObject({ officialAccount: GONE, result: null, errorCode: '130004' });
		expect(String(out[2].error)).toMatch(/"g1".*does not exist.*\[item 1\]/);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 1, 2]);
	});

	it('"Continue (using error output)" sends failed subscribers to output 2 and successes to output 1', async () => {
		const result = await runDeleteSubscribers({ emulator, input: mixedInput, onError: 'continueErrorOutput' });

		expect(result.status).toBe('success');
		expect(result.outputs).toHaveLength(2);
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['n1', 'n2', 'n3']);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 2]);
		expect(result.outputs[1]).toHaveLength(1);
		const failed = result.outputs[1][0];
		expect(String(failed.json.error)).toMatch(/"g1".*\[item 1\]/);
		expect(failed.json.details).toMatchObject({ officialAccount: GONE, subscriberId: 'g1', status: 'failed', errorCode: '130004' });
		expect(pairedIndexes([failed])).toEqual([1]);
	});

	it('summary output gives one item per input item with counts and failed IDs', async () => {
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ resultZero: ['n2'] }]);
		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: 'n1, n2, nobody' }, { account: GONE, ids: 'g1' }],
			options: { output: 'summary' },
			onError: 'continueRegularOutput',
		});
		expect(jsonOf(result.outputs[0])).toEqual([
			{
				officialAccount: NEWS,
				requested: 3,
				deleted: 1,
				notSubscribed: 1,
				failed: 1,
				failures: [{ subscriberId: 'n2', reason: expect.stringMatching(/Result 0/), errorCode: 'RESULT_0' }],
			},
			{
				officialAccount: GONE,
				requested: 1,
				deleted: 0,
				notSubscribed: 0,
				failed: 1,
				failures: [{ subscriberId: 'g1', reason: expect.stringMatching(/does not exist/), errorCode: '130004' }],
			},
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
	});

	it('a per-subscriber Result 0 without "continue" fails the node after the calls complete', async () => {
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ resultZero: ['n2'] }]);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 'n1, n2' }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/1 subscriber could not be removed .*"n2" \[item 0\]/);
		expect(result.error?.description).toMatch(/1 deleted/);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['n2', 'n3']);
	});

	it('without "continue", stops sending new calls after the first failure', async () => {
		const many = Array.from({ length: 30 }, (_, i) => `m${i}`);
		emulator.addSubscribers(APP, NEWS, many);
		emulator.setLatency(50);
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ errorCode: 130002 }]);
		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: many }],
			options: { batchSize: 1, maxConcurrentRequests: 2 },
		});
		expect(result.status).toBe('error');
		expect(result.error?.description).toMatch(/were not sent/);
		// The failed call plus at most the one already in flight.
		expect(deleteCalls(emulator).length).toBeLessThanOrEqual(3);
	});
});

describe('invalid input', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['ok1', 'ok2', 'ok3'] });
	});
	afterEach(async () => await emulator.stop());

	const badInput = [
		{ account: NEWS, ids: ['ok1'] },
		{ account: NEWS, ids: '' },
		{ account: NEWS, ids: ['ok2', 'caf\u00e9'] },
		{ account: NEWS, ids: ['x'.repeat(33)] },
		{ account: 'news', ids: ['ok3'] },
		{ account: NEWS, ids: { id: 'ok3' } },
		{ account: NEWS, ids: [{ id: 'ok3' }] },
	];

	it('with "continue", reports each bad input naming item and field while good items proceed', async () => {
		const result = await runDeleteSubscribers({ emulator, input: badInput, onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		const out = jsonOf(result.outputs[0]);
		const paired = pairedIndexes(result.outputs[0]);
		const byItem = (index: number) => out.filter((_, i) => paired[i] === index);

		expect(byItem(0)).toEqual([{ officialAccount: NEWS, subscriberId: 'ok1', result: 1, status: 'deleted' }]);
		expect(byItem(1)).toEqual([{ error: 'Subscriber IDs is empty [item 1]', field: 'Subscriber IDs', reason: 'Subscriber IDs is empty' }]);
		expect(byItem(2).map((json) => json.status)).toEqual(['deleted', 'failed']);
		expect(String(byItem(2)[1].error)).toMatch(/Subscriber IDs: subscriber ID "caf.*printable ASCII \[item 2\]/);
		expect(String(byItem(3)[0].error)).toMatch(/longer than 32 bytes.*\[item 3\]/);
		expect(byItem(4)[0].error).toMatch(/Official Account ID "news" does not start with @TOA#_ \[item 4\]/);
		expect(byItem(4)[0].field).toBe('Official Account ID');
		expect(byItem(5)[0].error).toMatch(/Subscriber IDs must be text or a list, not an object \[item 5\]/);
		expect(String(byItem(6)[0].error)).toMatch(/not an object.*\[item 6\]/);

		// Only the valid IDs were sent.
		expect(deleteCalls(emulator).flatMap((call) => (call.body as { SubscriberToDel_Account: string[] }).SubscriberToDel_Account)).toEqual(['ok1', 'ok2']);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['ok3']);
	});

	it('without "continue", fails on the first bad item before any call is made', async () => {
		const result = await runDeleteSubscribers({ emulator, input: badInput });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Subscriber IDs is empty [item 1]');
		expect(result.error?.description).toMatch(/one ID, a list separated by commas/);
		expect(deleteCalls(emulator)).toHaveLength(0);
	});

	it('without "continue", a bad item stops new calls: nothing of it or after it is sent', async () => {
		const first = Array.from({ length: 150 }, (_, i) => `p${i}`);
		emulator.addSubscribers(APP, NEWS, first);
		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: first }, { account: NEWS, ids: '' }, { account: NEWS, ids: 'ok1' }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Subscriber IDs is empty [item 1]');
		const sent = deleteCalls(emulator).flatMap((call) => (call.body as { SubscriberToDel_Account: string[] }).SubscriberToDel_Account);
		// Only a full batch that was already on its way may have gone out; nothing after the bad item did.
		expect([0, 100]).toContain(sent.length);
		expect(sent).toEqual(first.slice(0, sent.length));
		expect(emulator.subscribers(APP, NEWS)).toEqual(expect.arrayContaining(['ok1', ...first.slice(100)]));
	});

	it('rejects an official account longer than 48 bytes', async () => {
		const longAccount = `@TOA#_${'a'.repeat(43)}`;
		const result = await runDeleteSubscribers({ emulator, input: [{ account: longAccount, ids: 'ok1' }] });
		expect(result.error?.message).toMatch(/longer than 48 bytes \[item 0\]/);
	});
});
