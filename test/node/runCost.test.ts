// What a run costs besides the calls: credentials read once, and a hint when expressions dominate the run.
import type { TencentChatEmulator } from '../emulator';
import { runDeleteSubscribers, runTencentNode } from '../engine/tencentNode';
import { deleteCalls, emulatorWith, ids } from './fixtures';

const NEWS = '@TOA#_news';

describe('work done once per run', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	it('loads and decrypts the credential once per execution, not once per call', async () => {
		const all = ids('u', 500);
		emulator = await emulatorWith({ [NEWS]: all });
		const result = await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: all }], options: { batchSize: 50 } });
		expect(result.status).toBe('success');
		expect(deleteCalls(emulator)).toHaveLength(10);
		expect(result.credentialReads).toBe(1);
	});

	it('sends requests with the credential it read, signed per request (each has its own random)', async () => {
		const all = ids('u', 300);
		emulator = await emulatorWith({ [NEWS]: all });
		await runDeleteSubscribers({ emulator, input: [{ account: NEWS, ids: all }] });
		const randoms = deleteCalls(emulator).map((call) => call.random);
		expect(new Set(randoms).size).toBe(3);
		expect(deleteCalls(emulator).every((call) => call.outcome === 'ok')).toBe(true);
	});
});

describe('expression cost hint', () => {
	let emulator: TencentChatEmulator;
	afterEach(async () => await emulator.stop());

	const hintsOf = (result: Awaited<ReturnType<typeof runTencentNode>>) =>
		(result.run.data.resultData.runData['Tencent Chat']?.[0]?.hints ?? []).map((hint) => hint.message);

	it('tells the user to use Input Field when evaluating expressions took most of a large run', async () => {
		const users = ids('u', 3000);
		emulator = await emulatorWith({ [NEWS]: users });
		const result = await runTencentNode({
			emulator,
			// Not a plain {{ $json.x }}: n8n evaluates it for every item.
			parameters: { resource: 'subscriber', operation: 'delete', officialAccount: NEWS, subscriberIds: '={{ $json.userId.trim() }}' },
			input: users.map((userId) => ({ userId })),
		});
		expect(result.status).toBe('success');
		const hints = hintsOf(result);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatch(/^Evaluating expressions took \d+\.\d s of this run \(\d+\.\d\d ms for each of 3000 evaluations/);
		expect(hints[0]).toContain('Set Subscriber IDs From to "Input Field"');
	});

	it('gives no hint when the IDs come from a plain field reference or an input field', async () => {
		const users = ids('u', 3000);
		emulator = await emulatorWith({ [NEWS]: users });
		const plain = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', operation: 'delete', officialAccount: NEWS, subscriberIds: '={{ $json.userId }}' },
			input: users.map((userId) => ({ userId })),
		});
		expect(plain.status).toBe('success');
		expect(hintsOf(plain)).toEqual([]);
		emulator.addSubscribers(1400000000, NEWS, users);
		const field = await runTencentNode({
			emulator,
			parameters: { resource: 'subscriber', operation: 'delete', officialAccount: NEWS, subscriberIdsFrom: 'inputField', subscriberIdField: 'userId' },
			input: users.map((userId) => ({ userId })),
		});
		expect(field.status).toBe('success');
		expect(hintsOf(field)).toEqual([]);
	});
});
