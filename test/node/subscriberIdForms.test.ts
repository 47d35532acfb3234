import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers } from '../engine/tencentNode';
import { APP, deleteCalls, emulatorWith, jsonOf, sentIds } from './fixtures';

const ACCOUNT = '@TOA#_forms';

describe('Subscriber IDs accepts every documented form', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [ACCOUNT]: ['a1', 'a2', 'a3', '123', '456'] });
	});
	afterEach(async () => await emulator.stop());

	const cases: Array<[string, IDataObject['ids'], string[]]> = [
		['one ID', 'a1', ['a1']],
		['a comma-separated list', 'a1,a2 , a3', ['a1', 'a2', 'a3']],
		['a semicolon-separated list', 'a1;a2;a3', ['a1', 'a2', 'a3']],
		['a newline-separated list', 'a1\na2\r\n a3 \n', ['a1', 'a2', 'a3']],
		['a whitespace-separated list', 'a1 a2\ta3', ['a1', 'a2', 'a3']],
		['an array of strings', ['a1', ' a2 '], ['a1', 'a2']],
		['an array of numbers', [123, 456], ['123', '456']],
		['a JSON array string', '["a1","a3", 456]', ['a1', 'a3', '456']],
		['a list with repeats', 'a1, a2, a1', ['a1', 'a2']],
	];

	it.each(cases)('%s', async (_label, value, expected) => {
		const result = await runDeleteSubscribers({ emulator, input: [{ account: ACCOUNT, ids: value }] });

		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toEqual(
			expected.map((subscriberId) => ({ officialAccount: ACCOUNT, subscriberId, result: 1, status: 'deleted' })),
		);
		const calls = deleteCalls(emulator);
		expect(calls).toHaveLength(1);
		expect(sentIds(calls[0])).toEqual(expected);
		for (const id of expected) expect(emulator.subscribers(APP, ACCOUNT)).not.toContain(id);
	});

	it('takes the ID list from a typed parameter value as well as from an expression', async () => {
		const result = await runDeleteSubscribers({
			emulator,
			input: [{}],
			officialAccount: ACCOUNT,
			subscriberIds: 'a2\na3',
		});
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['a2', 'a3']);
	});
});
