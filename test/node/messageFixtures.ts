import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorOptions, TencentChatEmulator } from '../emulator';
import { emulatorClient } from '../emulator/testClient';
import { runTencentNode } from '../engine/tencentNode';
import type { OnError } from '../engine/runNode';
import { APP, emulatorWith } from './fixtures';

export const SEND_COMMAND = 'official_account_open_http_svc/send_official_account_msg';
export const RECALL_COMMAND = 'official_account_open_http_svc/official_account_msg_recall';
export const HISTORY_COMMAND = 'official_account_open_http_svc/official_account_msg_get_simple';

let accountCounter = 0;

/**
 * A fresh account ID per test: the node paces messages per account for the whole process, so tests that
 * reuse one would wait for each other.
 */
export function freshAccount(label = 'm'): string {
	accountCounter++;
	return `@TOA#_${label}${process.pid % 1000}_${accountCounter}`;
}

export async function emulatorWithAccounts(accounts: string[], options: EmulatorOptions = {}): Promise<TencentChatEmulator> {
	return await emulatorWith(Object.fromEntries(accounts.map((account) => [account, ['s1', 's2', 's3']])), options);
}

export function sendCalls(emulator: TencentChatEmulator) {
	return emulator.calls.filter((call) => call.command === SEND_COMMAND);
}

export function callsOf(emulator: TencentChatEmulator, command: string) {
	return emulator.calls.filter((call) => call.command === command);
}

/** Runs Message → Send with a text (or the given message parameters). */
export async function runSend(
	emulator: TencentChatEmulator,
	input: IDataObject[],
	parameters: INodeParameters = {},
	onError?: OnError,
) {
	return await runTencentNode({
		emulator,
		parameters: {
			resource: 'message',
			operation: 'send',
			officialAccount: '={{ $json.account }}',
			messageType: 'text',
			text: '={{ $json.text }}',
			...parameters,
		},
		input,
		onError,
	});
}

/** Sends `count` texts straight to the emulator (its send limits off), oldest first; returns their MsgKeys. */
export async function seedMessages(emulator: TencentChatEmulator, account: string, count: number): Promise<string[]> {
	emulator.setMessageLimits({ perSecond: 0, perHour: 0, duplicateWindowSeconds: 0 });
	const client = emulatorClient(() => emulator.url, () => Math.floor(Date.now() / 1000));
	const keys: string[] = [];
	try {
		for (let i = 0; i < count; i++) {
			const reply = await client.oa('send_official_account_msg', {
				Official_Account: account,
				Random: i,
				MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `message ${i + 1}` } }],
			});
			keys.push(reply.json.MsgKey as string);
		}
	} finally {
		await client.close();
	}
	emulator.setMessageLimits({ perSecond: 1, perHour: 2, duplicateWindowSeconds: 300 });
	emulator.resetCalls();
	return keys;
}

export { APP };
