// Subscriber IDs From = Input Field: the IDs come from a field of each item, no expression evaluated.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import { runTencentNode } from '../engine/tencentNode';
import type { OnError } from '../engine/runNode';
import { APP, deleteCalls, emulatorWith, jsonOf, pairedIndexes, sentIds } from './fixtures';

const NEWS = '@TOA#_news';

function runInputField(emulator: TencentChatEmulator, field: string, input: IDataObject[], onError?: OnError, options: IDataObject = {}) {
	return runTencentNode({
		emulator,
		parameters: { resource: 'subscriber', operation: 'delete', officialAccount: NEWS, subscriberIdsFrom: 'inputField', subscriberIdField: field, options: options as INodeParameters },
		input,
		onError,
	});
}

describe('Subscriber IDs From: Input Field', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('reads one ID per item from a top-level field and batches them: 250 items, 3 calls', async () => {
		const users = Array.from({ length: 250 }, (_, i) => `u${i}`);
		emulator = await emulatorWith({ [NEWS]: users });
		const result = await runInputField(emulator, 'userId', users.map((userId) => ({ userId, name: `User ${userId}` })));

		expect(result.status).toBe('success');
		expect(deleteCalls(emulator).map((call) => sentIds(call).length)).toEqual([100, 100, 50]);
		expect(result.outputs[0]).toHaveLength(250);
		expect(pairedIndexes(result.outputs[0])).toEqual(users.map((_, i) => i));
		expect(jsonOf(result.outputs[0])[7]).toEqual({ officialAccount: NEWS, subscriberId: 'u7', result: 1, status: 'deleted' });
		expect(emulator.subscribers(APP, NEWS)).toEqual([]);
	});

	it('takes every value form Subscriber IDs accepts: text, number, a list, a separated list, a JSON array', async () => {
		emulator = await emulatorWith({ [NEWS]: ['a', 'b', 'c', 'd', 'e', '12345', 'f', 'g'] });
		const result = await runInputField(emulator, 'ids', [
			{ ids: 'a' },
			{ ids: 12345 },
			{ ids: ['b', 'c'] },
			{ ids: 'd, e;f' },
			{ ids: '["g"]' },
		]);
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['a', '12345', 'b', 'c', 'd', 'e', 'f', 'g']);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2, 2, 3, 3, 3, 4]);
		expect(emulator.subscribers(APP, NEWS)).toEqual([]);
	});

	it('follows a nested dot path, and array indexes', async () => {
		emulator = await emulatorWith({ [NEWS]: ['n1', 'n2', 'n3'] });
		const nested = await runInputField(emulator, 'contact.imUserId', [{ contact: { imUserId: 'n1' } }, { contact: { imUserId: 'n2' } }]);
		expect(jsonOf(nested.outputs[0]).map((json) => [json.subscriberId, json.status])).toEqual([
			['n1', 'deleted'],
			['n2', 'deleted'],
		]);
		const indexed = await runInputField(emulator, 'contacts[1].id', [{ contacts: [{ id: 'x' }, { id: 'n3' }] }]);
		expect(jsonOf(indexed.outputs[0]).map((json) => json.subscriberId)).toEqual(['n3']);
	});

	it('prefers a field whose name is the whole path, as n8n field names do', async () => {
		emulator = await emulatorWith({ [NEWS]: ['dotted', 'walked'] });
		const result = await runInputField(emulator, 'contact.id', [{ 'contact.id': 'dotted', contact: { id: 'walked' } }]);
		expect(jsonOf(result.outputs[0]).map((json) => json.subscriberId)).toEqual(['dotted']);
	});

	it('an item without the field fails alone, naming the item and the field; without "continue" the node stops there', async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1', 'u3'] });
		const input = [{ userId: 'u1' }, { email: 'no-id@example.com' }, { userId: 'u3' }];

		const stopped = await runInputField(emulator, 'userId', input);
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe('The input item has no field "userId" (Subscriber ID Field) [item 1]');
		expect(stopped.error?.description).toMatch(/field name/);
		// Nothing of the bad item or after it was sent; u1 waited in a partly filled batch and was not sent either.
		expect(deleteCalls(emulator).flatMap(sentIds)).not.toContain('u3');

		const regular = await runInputField(emulator, 'userId', input, 'continueRegularOutput');
		expect(regular.status).toBe('success');
		expect(jsonOf(regular.outputs[0])).toEqual([
			{ officialAccount: NEWS, subscriberId: 'u1', result: 1, status: 'deleted' },
			{
				field: 'Subscriber ID Field',
				reason: 'The input item has no field "userId" (Subscriber ID Field)',
				error: 'The input item has no field "userId" (Subscriber ID Field) [item 1]',
			},
			{ officialAccount: NEWS, subscriberId: 'u3', result: 1, status: 'deleted' },
		]);
		expect(pairedIndexes(regular.outputs[0])).toEqual([0, 1, 2]);
	});

	it('"Continue (using error output)" sends the item without the field to the error output', async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1'] });
		const result = await runInputField(emulator, 'userId', [{ userId: 'u1' }, { other: 1 }], 'continueErrorOutput');
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: NEWS, subscriberId: 'u1', result: 1, status: 'deleted' }]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json).toMatchObject({ error: expect.stringContaining('[item 1]'), details: { field: 'Subscriber ID Field' } });
		expect(pairedIndexes(result.outputs[1])).toEqual([1]);
	});

	it('an empty value or an empty list is that item\'s own error', async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1'] });
		const result = await runInputField(emulator, 'userId', [{ userId: '' }, { userId: [] }, { userId: '  ' }, { userId: 'u1' }], 'continueRegularOutput');
		const out = jsonOf(result.outputs[0]);
		expect(out.slice(0, 3).map((json) => json.reason)).toEqual(['Field "userId" is empty', 'Field "userId" is empty', 'Field "userId" is empty']);
		expect(out.slice(0, 3).map((json) => json.error)).toEqual(['Field "userId" is empty [item 0]', 'Field "userId" is empty [item 1]', 'Field "userId" is empty [item 2]']);
		expect(out[3]).toMatchObject({ subscriberId: 'u1', status: 'deleted' });
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1, 2, 3]);
	});

	it('an array field with a bad entry fails that entry only; the good ones are deleted', async () => {
		emulator = await emulatorWith({ [NEWS]: ['ok1', 'ok2'] });
		const result = await runInputField(emulator, 'ids', [{ ids: ['ok1', { nested: true }, 'ok2'] }], 'continueRegularOutput');
		const out = jsonOf(result.outputs[0]);
		expect(out.map((json) => [json.subscriberId, json.status])).toEqual([
			['ok1', 'deleted'],
			['{"nested":true}', 'failed'],
			['ok2', 'deleted'],
		]);
		expect(String(out[1].error)).toMatch(/not an object|an object/);
		expect(String(out[1].error)).toContain('[item 0]');
	});

	it('a blank Subscriber ID Field is a clear error (n8n itself refuses an empty one as required)', async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1'] });
		await expect(runInputField(emulator, '', [{ userId: 'u1' }])).rejects.toThrow(/Subscriber ID Field" is required/);
		const result = await runInputField(emulator, '  ', [{ userId: 'u1' }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Subscriber ID Field is empty [item 0]');
		expect(deleteCalls(emulator)).toHaveLength(0);
	});
});
