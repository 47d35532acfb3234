import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TencentChatOfficialAccount } from '../../nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node';
import { DEFAULT_APP, type TencentChatEmulator } from '../emulator';
import { runNode, type OnError, type RunNodeResult } from './runNode';

export const NODE_TYPE_NAME = 'n8n-nodes-tencent-chat.tencentChatOfficialAccount';

/** Credential data pointing at a running emulator (Region "Custom URL"). */
export function emulatorCredentials(emulator: Pick<TencentChatEmulator, 'url'>, overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		sdkAppId: DEFAULT_APP.sdkAppId,
		region: 'custom',
		baseUrl: emulator.url,
		secretKey: DEFAULT_APP.secretKey,
		adminIdentifier: DEFAULT_APP.admins[0],
		userSigValiditySeconds: 86400,
		...overrides,
	};
}

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

/** Runs Subscriber → Delete in the n8n engine against the emulator. */
export async function runDeleteSubscribers(run: DeleteRunOptions): Promise<RunNodeResult> {
	const parameters: INodeParameters = {
		resource: 'subscriber',
		operation: 'delete',
		officialAccount: run.officialAccount ?? '={{ $json.account }}',
		subscriberIds: run.subscriberIds ?? '={{ $json.ids }}',
		options: (run.options ?? {}) as INodeParameters,
	};
	return await runNode({
		nodeType: new TencentChatOfficialAccount(),
		typeName: NODE_TYPE_NAME,
		credentialTypes: { tencentChatApi: new TencentChatApi() },
		credentials: { tencentChatApi: emulatorCredentials(run.emulator, run.credentials) },
		parameters,
		input: run.input,
		onError: run.onError,
		cancelAfterMs: run.cancelAfterMs,
	});
}
