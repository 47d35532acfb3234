// Commands with their own documented cap below the app's 200 calls/s (multiaccount_import, account_check:
// 100/s) stay under it, counted where Tencent counts: arrivals at the emulator. A probe node calls the
// transport with the command path directly, inside the real n8n engine, with n8n's HTTP helper.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { COMMAND_RATE_CAPS, COMMANDS, DELETE_SUBSCRIBER, type TencentCommand } from '../../nodes/TencentChatOfficialAccount/tencent/contract';
import { createTencentClient } from '../../nodes/TencentChatOfficialAccount/transport';
import { maxArrivalsInWindow } from '../emulator/callLog';
import { startEmulatorProcess, type EmulatorProcess } from '../emulator/process';
import { emulatorCredentials } from '../engine/emulatorCredentials';
import { runNode } from '../engine/runNode';
import { APP, ids } from './fixtures';

const MULTIACCOUNT_IMPORT = 'im_open_login_svc/multiaccount_import';
const NEWS = '@TOA#_news';

/** Sends every input item's `{ command, body }` through the transport at once; outputs what each call ended in. */
class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Test-only: calls the Tencent transport',
		defaults: { name: 'Transport Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'tencentChatApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await createTencentClient(this);
		const items = this.getInputData();
		const outcomes = await Promise.all(
			items.map(async (item) => {
				const { command, body } = item.json as { command: TencentCommand; body: IDataObject };
				return await client.call(command, body).then(
					() => 'ok',
					(error: unknown) => (error instanceof Error ? error.message : String(error)),
				);
			}),
		);
		return [outcomes.map((outcome) => ({ json: { outcome } }))];
	}
}

async function probe(server: EmulatorProcess, calls: Array<{ command: string; body: IDataObject }>) {
	return await runNode({
		nodeType: new TransportProbe(),
		typeName: 'test.transportProbe',
		credentialTypes: { tencentChatApi: new TencentChatApi() },
		credentials: { tencentChatApi: emulatorCredentials(server) },
		parameters: {},
		input: calls,
	});
}

async function maxIn1s(server: EmulatorProcess, command?: string): Promise<number> {
	const calls = (await server.calls()).filter((call) => command === undefined || call.command === command);
	return maxArrivalsInWindow(
		calls.map((call) => call.atMs),
		1000,
	);
}

describe('per-command rate caps in the contract', () => {
	it('caps multiaccount_import and account_check at their documented 100 calls/s, and no other command', () => {
		expect(COMMAND_RATE_CAPS[MULTIACCOUNT_IMPORT]).toBe(100);
		expect(COMMAND_RATE_CAPS[COMMANDS.accountCheck]).toBe(100);
		expect(COMMAND_RATE_CAPS[COMMANDS.deleteSubscriber]).toBeUndefined();
	});
});

describe('per-command rate caps inside the app limit, measured at the emulator', () => {
	// In its own process, the emulator stamps arrivals on an idle event loop, as Tencent would.
	let server: EmulatorProcess;
	afterEach(async () => await server.stop());

	it('account_check never arrives more than 100 times in any 1 s, mixed with an uncapped command, all under 200', async () => {
		const subscribers = ids('s', 200);
		server = await startEmulatorProcess({ accounts: [{ sdkAppId: APP, officialAccount: NEWS, subscribers }], latencyMs: 5 });
		const checks = ids('u', 250).map((userId) => ({ command: COMMANDS.accountCheck, body: { CheckItem: [{ UserID: userId }] } }));
		const deletes = subscribers.map((id) => ({ command: COMMANDS.deleteSubscriber, body: { [DELETE_SUBSCRIBER.officialAccount]: NEWS, [DELETE_SUBSCRIBER.subscribersToDelete]: [id] } }));
		// Interleaved, so both commands wait in the same queue.
		const input = checks.flatMap((check, i) => (i < deletes.length ? [check, deletes[i]] : [check]));
		const result = await probe(server, input);

		expect(result.status).toBe('success');
		const outcomes = (result.outputs[0] ?? []).map((item) => item.json.outcome);
		expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
		expect(outcomes).toHaveLength(450);
		expect(await maxIn1s(server, COMMANDS.accountCheck)).toBeLessThanOrEqual(100);
		expect(await maxIn1s(server)).toBeLessThanOrEqual(200);
		const calls = await server.calls();
		expect(calls.filter((call) => call.errorCode === 60007)).toHaveLength(0);
	});

	it('multiaccount_import never arrives more than 100 times in any 1 s', async () => {
		server = await startEmulatorProcess({ latencyMs: 5 });
		const input = ids('m', 250).map((userId) => ({ command: MULTIACCOUNT_IMPORT, body: { AccountList: [{ UserID: userId }] } }));
		const result = await probe(server, input);

		expect(result.status).toBe('success');
		expect(result.outputs[0]).toHaveLength(250);
		const imports = (await server.calls()).filter((call) => call.command === MULTIACCOUNT_IMPORT);
		// Every call reached the emulator once (an emulator without the command answers 60009, which is final).
		expect(imports).toHaveLength(250);
		expect(await maxIn1s(server, MULTIACCOUNT_IMPORT)).toBeLessThanOrEqual(100);
		expect(await maxIn1s(server, MULTIACCOUNT_IMPORT)).toBeGreaterThanOrEqual(80);
	});
});
