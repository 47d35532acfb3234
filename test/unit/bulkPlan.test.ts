// planBatches (grouping, dedupe, chunking, order) and the result-list reader of delete_subscriber (per-subscriber Result).
import { contract as deleteContract } from '../../nodes/TencentChatOfficialAccount/actions/subscriber/delete.operation';
import { BatchPlanner, planBatches } from '../../nodes/TencentChatOfficialAccount/engine/bulk/planner';
import type { BulkBatch, IdOutcome } from '../../nodes/TencentChatOfficialAccount/engine/bulk/types';
import { DELETE_SUBSCRIBER_MAX_IDS_PER_CALL, type TencentReplyEnvelope } from '../../nodes/TencentChatOfficialAccount/tencent/contract';

function outcomesFromReply(batch: BulkBatch, reply: TencentReplyEnvelope): Map<string, IdOutcome> {
	const outcomes = new Map<string, IdOutcome>();
	deleteContract.readReply(batch, reply, outcomes);
	return outcomes;
}

const NEWS = '@TOA#_news';
const SPORTS = '@TOA#_sports';

const ids = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);

describe('planBatches', () => {
	it('chunks 250 IDs of one account into 100 / 100 / 50, in order', () => {
		const all = ids('u', 250);
		const batches = planBatches([{ target: NEWS, ids: all }], 100);
		expect(batches.map((batch) => batch.ids.length)).toEqual([100, 100, 50]);
		expect(batches.every((batch) => batch.target === NEWS)).toBe(true);
		expect(batches.flatMap((batch) => batch.ids)).toEqual(all);
	});

	it('never exceeds the batch size, and 100 is the contract maximum', () => {
		expect(DELETE_SUBSCRIBER_MAX_IDS_PER_CALL).toBe(100);
		for (const size of [1, 7, 33, 100]) {
			const batches = planBatches([{ target: NEWS, ids: ids('u', 205) }], size);
			expect(Math.max(...batches.map((batch) => batch.ids.length))).toBeLessThanOrEqual(size);
			expect(batches).toHaveLength(Math.ceil(205 / size));
		}
	});

	it('removes duplicates across items of the same account', () => {
		const batches = planBatches(
			[
				{ target: NEWS, ids: ['a', 'b'] },
				{ target: NEWS, ids: ['b', 'c'] },
				{ target: NEWS, ids: ['a'] },
			],
			100,
		);
		expect(batches).toEqual([{ target: NEWS, ids: ['a', 'b', 'c'] }]);
	});

	it('keeps the same subscriber for different accounts apart', () => {
		const batches = planBatches(
			[
				{ target: NEWS, ids: ['a'] },
				{ target: SPORTS, ids: ['a'] },
			],
			100,
		);
		expect(batches).toEqual([
			{ target: NEWS, ids: ['a'] },
			{ target: SPORTS, ids: ['a'] },
		]);
	});

	it('hands out full batches at once and the rest in first-seen account order, one account per call', () => {
		const batches = planBatches(
			[
				{ target: SPORTS, ids: ids('s', 3) },
				{ target: NEWS, ids: ids('n', 150) },
				{ target: SPORTS, ids: ids('s', 2, 3) },
				{ target: NEWS, ids: ids('n', 10, 150) },
			],
			100,
		);
		// Full batches go out as soon as they fill; the partly filled ones follow in first-seen account order.
		expect(batches.map((batch) => [batch.target, batch.ids.length])).toEqual([
			[NEWS, 100],
			[SPORTS, 5],
			[NEWS, 60],
		]);
		expect(batches[0].ids).toEqual(ids('n', 100));
		expect(batches[1].ids).toEqual(ids('s', 5));
		expect(batches[2].ids).toEqual(ids('n', 60, 100));
	});

	it('every unique pair appears in exactly one batch', () => {
		const requests = Array.from({ length: 40 }, (_, item) => ({
			target: item % 3 === 0 ? NEWS : SPORTS,
			ids: ids('u', 20, (item * 7) % 50),
		}));
		const batches = planBatches(requests, 30);
		const expected = new Set(requests.flatMap((r) => r.ids.map((id) => `${r.target}|${id}`)));
		const planned = batches.flatMap((batch) => batch.ids.map((id) => `${batch.target}|${id}`));
		expect(planned).toHaveLength(expected.size);
		expect(new Set(planned)).toEqual(expected);
	});

	it('plans nothing for no requests or no IDs', () => {
		expect(planBatches([], 100)).toEqual([]);
		expect(planBatches([{ target: NEWS, ids: [] }], 100)).toEqual([]);
	});
});

describe('BatchPlanner item details', () => {
	it("carries each item's details with its IDs into their batch, the first item's for a repeated ID", () => {
		const planner = new BatchPlanner(2);
		const full = [
			...planner.add(NEWS, ['a'], { Nick: 'A' }),
			...planner.add(NEWS, ['b']),
			...planner.add(NEWS, ['c'], { Nick: 'C' }),
			...planner.add(NEWS, ['a'], { Nick: 'again' }),
		];
		const batches = [...full, ...planner.flush()];
		expect(batches.map((batch) => batch.ids)).toEqual([['a', 'b'], ['c']]);
		expect([...(batches[0].details ?? [])]).toEqual([['a', { Nick: 'A' }]]);
		expect([...(batches[1].details ?? [])]).toEqual([['c', { Nick: 'C' }]]);
	});

	it('gives batches without details no details map', () => {
		const batches = planBatches([{ target: NEWS, ids: ids('u', 5) }], 2);
		expect(batches.every((batch) => batch.details === undefined)).toBe(true);
	});
});

describe('delete_subscriber result list', () => {
	const batch: BulkBatch = { target: NEWS, ids: ['deleted', 'absent', 'failed', 'missing', 'odd'] };
	const reply = {
		ActionStatus: 'OK',
		ErrorCode: 0,
		ErrorInfo: '',
		SubscriberList: [
			{ Subscriber_Account: 'odd', Result: 7 },
			{ Subscriber_Account: 'failed', Result: 0 },
			{ Subscriber_Account: 'absent', Result: 2 },
			{ Subscriber_Account: 'deleted', Result: 1 },
		],
	};
	const outcomes = outcomesFromReply(batch, reply);

	it('has exactly one outcome per sent ID', () => {
		expect([...outcomes.keys()].sort()).toEqual([...batch.ids].sort());
	});

	it('Result 1 → deleted', () => {
		expect(outcomes.get('deleted')).toMatchObject({ status: 'deleted', result: 1 });
		expect(outcomes.get('deleted')?.reason).toBeUndefined();
	});

	it('Result 2 → notSubscribed', () => {
		expect(outcomes.get('absent')).toMatchObject({ status: 'notSubscribed', result: 2 });
		expect(outcomes.get('absent')?.reason).toBeUndefined();
	});

	it('Result 0 → failed with a reason', () => {
		expect(outcomes.get('failed')).toMatchObject({ status: 'failed', result: 0 });
		expect(outcomes.get('failed')?.reason?.length).toBeGreaterThan(5);
	});

	it('an ID missing from the reply → failed with a reason, never dropped', () => {
		expect(outcomes.get('missing')).toMatchObject({ status: 'failed', result: null });
		expect(outcomes.get('missing')?.reason?.length).toBeGreaterThan(5);
	});

	it('an unknown Result 7 → failed, naming the value', () => {
		expect(outcomes.get('odd')).toMatchObject({ status: 'failed', result: 7 });
		expect(outcomes.get('odd')?.reason).toMatch(/7/);
	});

	it('a reply without SubscriberList fails every ID', () => {
		const none = outcomesFromReply(batch, { ActionStatus: 'OK', ErrorCode: 0 });
		expect([...none.values()].every((outcome) => outcome.status === 'failed' && outcome.reason)).toBe(true);
		expect(none.size).toBe(batch.ids.length);
	});

	it('ignores IDs in the reply that were not sent', () => {
		const extra = outcomesFromReply({ target: NEWS, ids: ['a'] }, {
			SubscriberList: [
				{ Subscriber_Account: 'a', Result: 1 },
				{ Subscriber_Account: 'intruder', Result: 1 },
			],
		});
		expect([...extra.keys()]).toEqual(['a']);
		expect(extra.get('a')?.status).toBe('deleted');
	});

	it('a Result without a value is a failure', () => {
		const noResult = outcomesFromReply({ target: NEWS, ids: ['a'] }, { SubscriberList: [{ Subscriber_Account: 'a' }] });
		expect(noResult.get('a')?.status).toBe('failed');
	});
});
