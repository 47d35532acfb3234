import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_APP, startEmulator, type EmulatorOptions, type TencentChatEmulator } from '../emulator';

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
