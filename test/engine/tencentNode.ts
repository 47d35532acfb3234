import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TencentChatOfficialAccount } from '../../nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node';
import type { TencentChatEmulator } from '../emulator';
import { emulatorCredentials } from './emulatorCredentials';
import { runNode, type OnError, type RunNodeResult } from './runNode';

export { emulatorCredentials } from './emulatorCredentials';

export const NODE_TYPE_NAME = 'n8n-nodes-tencent-chat.tencentChatOfficialAccount';

export interface DeleteRunOptions {
	/** A running emulator, in this process or another. */
	emulator: Pick<TencentChatEmulator, 'url'>;
	input: Array<IDataObject | INodeExecutionData>;
	officialAccount?: string;
	subscriberIds?: string;
	options?: IDataObject;
	onError?: OnError;
	credentials?: IDataObject;
	cancelAfterMs?: number;
}

export interface TencentRunOptions {
	/** A running emulator, in this process or another. */
	emulator: Pick<TencentChatEmulator, 'url'>;
	/** The node's parameters: resource, operation and the operation's own. */
	parameters: INodeParameters;
	input: Array<IDataObject | INodeExecutionData>;
	onError?: OnError;
	credentials?: IDataObject;
	cancelAfterMs?: number;
	/** The node version the workflow saved; 1 unless given (version 2 changed only defaults). */
	typeVersion?: number;
}

/** Runs any operation of the Tencent Chat Official Account node in the n8n engine against the emulator. */
export async function runTencentNode(run: TencentRunOptions): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new TencentChatOfficialAccount(),
		typeName: NODE_TYPE_NAME,
		credentialTypes: { tencentChatApi: new TencentChatApi() },
		credentials: { tencentChatApi: emulatorCredentials(run.emulator, run.credentials) },
		parameters: run.parameters,
		input: run.input,
		onError: run.onError,
		cancelAfterMs: run.cancelAfterMs,
		typeVersion: run.typeVersion,
	});
}

/** Runs Subscriber → Delete in the n8n engine against the emulator. */
export async function runDeleteSubscribers(run: DeleteRunOptions): Promise<RunNodeResult> {
	const parameters: INodeParameters = {
		resource: 'subscriber',
		operation: 'delete',
		officialAccount: run.officialAccount ?? '={{ $json.account }}',
		subscriberIds: run.subscriberIds ?? '={{ $json.ids }}',
		options: (run.options ?? {}) as INodeParameters,
	};
	return await runTencentNode({ ...run, parameters });
}
