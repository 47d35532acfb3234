// Official Account → Delete (destroy_official_account) in the n8n engine against the emulator.
import type { IDataObject } from 'n8n-workflow';

import type { TencentChatEmulator } from '../emulator';
import type { OnError } from '../engine/runNode';
import { bodiesOf, callsOf, COMMAND, everythingStored, expectNoSecrets, runOperation } from './accountFixtures';
import { APP, emulatorWith, jsonOf, pairedIndexes } from './fixtures';

const NEWS = '@TOA#_news';
const SHOP = '@TOA#_shop';
const MISSING = '@TOA#_missing';

async function destroy(emulator: TencentChatEmulator, input: IDataObject[], extra: { onError?: OnError; options?: IDataObject } = {}) {
	return await runOperation('officialAccount', 'delete', {
		emulator,
		input,
		onError: extra.onError,
		parameters: { officialAccount: '={{ $json.account }}', options: extra.options ?? {} },
	});
}

describe('Official Account → Delete', () => {
	let emulator: TencentChatEmulator;
	beforeEach(async () => {
		emulator = await emulatorWith({ [NEWS]: ['u1', 'u2'], [SHOP]: ['u1'] });
	});
	afterEach(async () => await emulator.stop());

	it('destroys each item\'s account and outputs { officialAccount, deleted: true }', async () => {
		const result = await destroy(emulator, [{ account: NEWS }, { account: ` ${SHOP} ` }]);
		expect(result.status).toBe('success');
		expect(jsonOf(result.outputs[0])).toEqual([
			{ officialAccount: NEWS, deleted: true },
			{ officialAccount: SHOP, deleted: true },
		]);
		expect(pairedIndexes(result.outputs[0])).toEqual([0, 1]);
		expect(bodiesOf(emulator, COMMAND.destroy)).toEqual(expect.arrayContaining([{ Official_Account: NEWS }, { Official_Account: SHOP }]));
		expect(emulator.isDestroyed(APP, NEWS)).toBe(true);
		expect(emulator.accountIds(APP)).toEqual([]);
	});

	it('checks the ID before sending: a bad one is that item\'s error, the good items proceed', async () => {
		const result = await destroy(emulator, [{ account: NEWS }, { account: 'shop' }, { account: 42 }, { account: SHOP }], { onError: 'continueRegularOutput' });
		const out = jsonOf(result.outputs[0]);
		expect(out[0]).toEqual({ officialAccount: NEWS, deleted: true });
		expect(out[1]).toMatchObject({ field: 'Official Account ID', error: 'Official Account ID "shop" does not start with @TOA#_ [item 1]' });
		expect(out[2]).toMatchObject({ error: 'Official Account ID must be text, not a number [item 2]' });
		expect(out[3]).toEqual({ officialAccount: SHOP, deleted: true });
		expect(callsOf(emulator, COMMAND.destroy)).toHaveLength(2);
	});

	describe('130004: a missing account, or one deleted already', () => {
		const input = [{ account: NEWS }, { account: MISSING }, { account: SHOP }];

		it('without "continue": fails naming the item, "already deleted"', async () => {
			const result = await destroy(emulator, input);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Could not delete the official account: The official account does not exist or was already deleted.*\[item 1\]$/);
			expect((result.error as { httpCode?: string }).httpCode).toBe('130004');
			expect(result.error?.description).toMatch(/On Error to "Continue"/);
		});

		it('"Continue (using regular output)": the failure in place, the others deleted', async () => {
			const result = await destroy(emulator, input, { onError: 'continueRegularOutput' });
			const out = jsonOf(result.outputs[0]);
			expect(out.map((json) => json.deleted ?? false)).toEqual([true, false, true]);
			expect(out[1]).toMatchObject({ officialAccount: MISSING, errorCode: '130004', error: expect.stringMatching(/already deleted.*\[item 1\]$/) });
			expect(emulator.accountIds(APP)).toEqual([]);
		});

		it('"Continue (using error output)": deleting twice puts the second on output 2', async () => {
			await destroy(emulator, [{ account: NEWS }]);
			const result = await destroy(emulator, [{ account: NEWS }, { account: SHOP }], { onError: 'continueErrorOutput' });
			expect(jsonOf(result.outputs[0])).toEqual([{ officialAccount: SHOP, deleted: true }]);
			expect(pairedIndexes(result.outputs[0])).toEqual([1]);
			expect(result.outputs[1].map((item) => item.json)).toEqual([
				{ error: expect.stringMatching(/already deleted.*\[item 0\]$/), details: expect.objectContaining({ officialAccount: NEWS, errorCode: '130004' }) },
			]);
			expect(pairedIndexes(result.outputs[1])).toEqual([0]);
		});
	});

	it('retries 20005 and HTTP 502, and does not retry 130004', async () => {
		emulator.script(COMMAND.destroy, [{ errorCode: 20005 }, 'http502']);
		const result = await destroy(emulator, [{ account: NEWS }]);
		expect(result.status).toBe('success');
		expect(callsOf(emulator, COMMAND.destroy).map((call) => call.outcome)).toEqual(['error', 'http502', 'ok']);
		emulator.resetCalls();
		await destroy(emulator, [{ account: NEWS }], { onError: 'continueRegularOutput' });
		expect(callsOf(emulator, COMMAND.destroy)).toHaveLength(1);
	});

	it('stores no secret key or UserSig, also when calls fail', async () => {
		for (const onError of ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'] as const) {
			emulator.script(COMMAND.destroy, ['socketReset', 'socketReset']);
			const result = await destroy(emulator, [{ account: MISSING }, { account: NEWS }], { onError, options: { retries: 1 } });
			expectNoSecrets(everythingStored(result));
		}
	});
});
