import type { TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { APP, deleteCalls, emulatorWith, ids, jsonOf, pairedIndexes, sentIds } from './fixtures';

const NEWS = '@TOA#_news';
const SPORTS = '@TOA#_sports';

describe('batching and item linking', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('sends 250 IDs from 3 items in exactly 3 calls of at most 100, each naming the account', async () => {
		const all = ids('u', 250);
		emulator = await emulatorWith({ [NEWS]: all });
		const input = [all.slice(0, 90), all.slice(90, 170), all.slice(170)].map((chunk) => ({ account: NEWS, ids: chunk }));

		const result = await runDeleteSubscribers({ emulator, input });

		expect(result.status).toBe('success');
		const calls = deleteCalls(emulator);
		expect(calls).toHaveLength(3);
		for (const call of calls) {
			expect((call.body as { Official_Account: string }).Official_Account).toBe(NEWS);
			expect(sentIds(call).length).toBeLessThanOrEqual(100);
		}
		expect(calls.flatMap(sentIds).sort()).toEqual([...all].sort());
		expect(result.outputs[0]).toHaveLength(250);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(90).fill(0), ...Array(80).fill(1), ...Array(80).fill(2)]);
		expect(emulator.subscribers(APP, NEWS)).toEqual([]);
	});

	it('honours a smaller Batch Size', async () => {
		const all = ids('u', 25);
		emulator = await emulatorWith({ [NEWS]: all });
		await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: all }], options: { batchSize: 10 } });
		expect(deleteCalls(emulator).map((call) => sentIds(call).length)).toEqual([10, 10, 5]);
	});

	it('calls once for an ID repeated across items and reports it to each item', async () => {
		emulator = await emulatorWith({ [NEWS]: ['dup', 'x1', 'x2'] });
		const result = await runDeleteSubscribers({
			emulator,
			input: [
				{ account: NEWS, ids: ['dup', 'x1'] },
				{ account: NEWS, ids: ['x2', 'dup'] },
			],
		});
		const calls = deleteCalls(emulator);
		expect(calls.flatMap(sentIds).filter((id) => id === 'dup')).toHaveLength(1);
		expect(jsonOf(result.outputs[0])).toEqual([
			{ officialAccount: NEWS, subscriberId: 'dup', result: 1, status: 'deleted' },
			{ officialAccount: NEWS, subscriberId: 'x1', result: 1, status: 'deleted' },
			{ officialAccount: NEWS, subscriberId: 'x2', result: 1, status: 'deleted' },
			{ officialAccount: NEWS, subscriberId: 'dup', result: 1, status: 'deleted' },
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 0, 1, 1]);
	});

	it('handles two official accounts in one run, one call group per account', async () => {
		emulator = await emulatorWith({ [NEWS]: ['n1', 'shared'], [SPORTS]: ['s1'] });
		const result = await runDeleteSubscribers({
			emulator,
			input: [
				{ account: NEWS, ids: 'n1, shared' },
				{ account: SPORTS, ids: 's1, shared' },
			],
		});
		const calls = deleteCalls(emulator);
		expect(calls).toHaveLength(2);
		const byAccount = Object.fromEntries(calls.map((call) => [(call.body as { Official_Account: string }).Official_Account, sentIds(call)]));
		expect(byAccount).toEqual({ [NEWS]: ['n1', 'shared'], [SPORTS]: ['s1', 'shared'] });
		expect(jsonOf(result.outputs[0]).map((json) => [json.officialAccount, json.subscriberId, json.status])).toEqual([
			[NEWS, 'n1', 'deleted'],
			[NEWS, 'shared', 'deleted'],
			[SPORTS, 's1', 'deleted'],
			[SPORTS, 'shared', 'notSubscribed'],
		]);
	});

	it('keeps input order when later calls finish first', async () => {
		const all = ids('o', 30);
		emulator = await emulatorWith({ [NEWS]: all });
		// The first call is slow, the others fast: replies arrive out of order.
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ latencyMs: 300 }]);
		const input = [all.slice(0, 10), all.slice(10, 20), all.slice(20)].map((chunk) => ({ account: NEWS, ids: chunk }));

		const result = await runDeleteSubscribers({ emulator, input, options: { batchSize: 10 } });

		const calls = deleteCalls(emulator);
		expect(calls[0].repliedAtMs).toBeGreaterThan(calls[2].repliedAtMs ?? Infinity);
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(all);
		expect(pairedIndexes(result.outputs[0])).toEqual([...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)]);
	});

	it('maps Result 1, 2 and 0 to deleted, notSubscribed and failed', async () => {
		emulator = await emulatorWith({ [NEWS]: ['r1', 'r0'] });
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ resultZero: ['r0'] }]);
		const result = await runDeleteSubscribers({
			emulator,
			input: [{ account: NEWS, ids: 'r1, r2, r0' }],
			onError: 'continueRegularOutput',
		});
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.result, json.status])).toEqual([
			['r1', 1, 'deleted'],
			['r2', 2, 'notSubscribed'],
			['r0', 0, 'failed'],
		]);
		expect(String(out[2].error)).toMatch(/r0.*Result 0.*\[item 0\]/);
		expect(emulator.subscribers(APP, NEWS)).toEqual(['r0']);
	});
});

describe('a reply that is silent about a sent ID', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('reports that subscriber as failed with a clear reason instead of dropping it', async () => {
		emulator = await emulatorWith({ [NEWS]: ['m1', 'm2'] });
		emulator.script('official_account_open_http_svc/delete_subscriber', [{ omitResults: ['m2'] }]);
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: 'm1, m2' }], onError: 'continueRegularOutput' });
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.status, json.result])).toEqual([
			['m1', 'deleted', 1],
			['m2', 'failed', null],
		]);
		expect(String(out[1].error)).toMatch(/"m2".*reply carried no result.*\[item 0\]/);
		expect(out[1].errorCode).toBe('NO_RESULT');
	});
});
