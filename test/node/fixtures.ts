import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { getUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { DEFAULT_APP, startEmulator, type EmulatorOptions, type ScriptedFault, type TencentChatEmulator } from '../emulator';
import type { OnError } from '../engine/runNode';
import { runTencentNode } from '../engine/tencentNode';

export const APP = DEFAULT_APP.sdkAppId;
export const DELETE_COMMAND = 'official_account_open_http_svc/delete_subscriber';

export function ids(prefix: string, count: number, from = 1): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${String(from + i).padStart(4, '0')}`);
}

/** Starts an emulator with the given accounts (account → subscribers); stopped by the returned fn. */
export async function emulatorWith(
	accounts: Record<string, string[]>,
	options: EmulatorOptions = {},
): Promise<TencentChatEmulator> {
	return await startEmulator({
		...options,
		accounts: Object.entries(accounts).map(([officialAccount, subscribers]) => ({ sdkAppId: APP, officialAccount, subscribers })),
	});
}

export function deleteCalls(emulator: TencentChatEmulator) {
	return emulator.calls.filter((call) => call.command === DELETE_COMMAND);
}

/** The subscriber IDs a delete call carried, read with Tencent's documented field name. */
export function sentIds(call: { body: unknown }): string[] {
	return ((call.body as IDataObject).SubscriberToDel_Account as string[]) ?? [];
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (Array.isArray(paired)) return paired[0].item;
		return paired?.item ?? -1;
	});
}

export const COMMAND = {
	addSubscriber: 'official_account_open_http_svc/add_subscriber',
	getSubscriberInfo: 'official_account_open_http_svc/get_subscriber_info',
	modifySubscriber: 'official_account_open_http_svc/modify_subscriber_info',
} as const;

export function callsOf(emulator: TencentChatEmulator, command: string) {
	return emulator.calls.filter((call) => call.command === command);
}

/** The subscriber IDs an add call carried: `SubscriberList: [{ Subscriber_Account }]`. */
export function sentAddIds(call: { body: unknown }): string[] {
	const list = ((call.body as IDataObject).SubscriberList as IDataObject[]) ?? [];
	return list.map((entry) => entry.Subscriber_Account as string);
}

/** Everything a run leaves behind: output items, the error with its description and context, run data. */
export function everythingStored(result: { run: unknown; error?: unknown }): string {
	const error = result.error as Record<string, unknown> | undefined;
	return JSON.stringify({
		run: result.run,
		error: error && { ...error, message: error.message, description: error.description, stack: error.stack, cause: error.cause },
	});
}

/** Fails the test when the secret key, the current UserSig or a usersig query appears anywhere a run left behind. */
export function expectNoSecrets(result: { run: unknown; error?: unknown }): void {
	const stored = everythingStored(result);
	const userSig = getUserSig({ sdkAppId: APP, identifier: DEFAULT_APP.admins[0], secretKey: DEFAULT_APP.secretKey, expireSeconds: 86400 });
	expect(stored).not.toContain(DEFAULT_APP.secretKey);
	expect(stored).not.toContain(userSig);
	expect(stored.toLowerCase()).not.toContain('usersig=');
}

export interface OperationRun {
	emulator: TencentChatEmulator;
	/** Default: the runner's default input. */
	input?: IDataObject[];
	/** Overrides of the operation's default parameters. */
	parameters?: INodeParameters;
	options?: IDataObject;
	onError?: OnError;
}

/** A runner of one operation in the n8n engine, with default parameters (usually expressions reading the item). */
export function operationRunner(resource: string, operation: string, defaults: INodeParameters, defaultInput: IDataObject[] = [{}]) {
	return async (run: OperationRun) =>
		await runTencentNode({
			emulator: run.emulator,
			input: run.input ?? defaultInput,
			onError: run.onError,
			parameters: { resource, operation, ...defaults, options: (run.options ?? {}) as INodeParameters, ...run.parameters },
		});
}

/** Runs that must leave no secret behind: a success, retries running out (HTTP 502) and a final Tencent code. */
export const SECRET_SCENARIOS: Array<[string, ScriptedFault[]]> = [
	['a successful run', []],
	['HTTP 502 until retries run out', ['http502', 'http502']],
	['a final code', [{ errorCode: 20001, errorInfo: 'bad packet' }]],
];

/** Scripts the faults on the command and checks a run (retries 1) with and without "continue" for secrets. */
export async function expectNoSecretsEitherWay(
	emulator: TencentChatEmulator,
	command: string,
	faults: ScriptedFault[],
	run: (onError: OnError) => Promise<{ run: unknown; error?: unknown }>,
): Promise<void> {
	for (const onError of ['stopWorkflow', 'continueRegularOutput'] as const) {
		emulator.clearFaults();
		emulator.script(command, faults);
		expectNoSecrets(await run(onError));
	}
}
