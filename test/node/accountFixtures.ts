import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP, type TencentChatEmulator } from '../emulator';
import { runTencentNode, type TencentRunOptions } from '../engine/tencentNode';
import { getUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { APP } from './fixtures';

export const COMMAND = {
	create: 'official_account_open_http_svc/create_official_account',
	destroy: 'official_account_open_http_svc/destroy_official_account',
	modify: 'official_account_open_http_svc/modify_official_account_base_info',
	getInfo: 'official_account_open_http_svc/get_official_account_info',
	getSubscribed: 'official_account_open_http_svc/get_subscribed_official_account_list',
} as const;

export function callsOf(emulator: TencentChatEmulator, command: string) {
	return emulator.calls.filter((call) => call.command === command);
}

export function bodiesOf(emulator: TencentChatEmulator, command: string): IDataObject[] {
	return callsOf(emulator, command).map((call) => call.body as IDataObject);
}

/** Runs one operation of the node: `parameters` without resource and operation. */
export async function runOperation(
	resource: string,
	operation: string,
	run: Omit<TencentRunOptions, 'parameters'> & { parameters: IDataObject },
) {
	return await runTencentNode({ ...run, parameters: { resource, operation, ...run.parameters } as INodeParameters });
}

/** Everything a run leaves behind: output items, the error with its description and context, run data. */
export function everythingStored(result: Awaited<ReturnType<typeof runTencentNode>>): string {
	const error = result.error as unknown as Record<string, unknown> | undefined;
	return JSON.stringify({
		run: result.run,
		error: error && { ...error, message: error.message, description: error.description, stack: error.stack, cause: error.cause },
	});
}

/** The secrets a run must never store: the app's secret key and the admin UserSig the node signs. */
export function expectNoSecrets(stored: string): void {
	const userSig = getUserSig({ sdkAppId: APP, identifier: DEFAULT_APP.admins[0], secretKey: DEFAULT_APP.secretKey, expireSeconds: 86400 });
	expect(stored).not.toContain(DEFAULT_APP.secretKey);
	expect(stored).not.toContain(userSig);
	expect(stored.toLowerCase()).not.toContain('usersig=');
}
