// Shared inputs of the trigger tests: a signed callback query as Tencent builds it, bodies from Tencent's
// samples, and a tiny downstream node that decides a Before Add Subscriber callback.
import { createHash } from 'node:crypto';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const SDK_APP_ID = 1400000001;
export const CALLBACK_TOKEN = 'cb-token-for-tests-7f3a';
export const AFTER_DELETE = 'OfficialAccount.CallbackAfterDeleteSubscriber';
export const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';
export const AFTER_ADD = 'OfficialAccount.CallbackAfterAddSubscriber';

export const credentials = { sdkAppId: SDK_APP_ID, region: 'console.tim.qq.com', secretKey: 'not-used', adminIdentifier: 'administrator', callbackToken: CALLBACK_TOKEN };

/** Written here from Tencent's docs (not imported from the node), so the tests check the node against the spec. */
export function sign(token: string, requestTime: string): string {
	return createHash('sha256').update(token + requestTime).digest('hex');
}

export function signedQuery(command: string, overrides: IDataObject = {}, token = CALLBACK_TOKEN): IDataObject {
	const requestTime = String(overrides.RequestTime ?? Math.floor(Date.now() / 1000));
	return {
		SdkAppid: String(SDK_APP_ID),
		CallbackCommand: command,
		contenttype: 'json',
		ClientIP: '203.0.113.7',
		OptPlatform: 'RESTAPI',
		RequestTime: requestTime,
		Sign: sign(token, requestTime),
		...overrides,
	};
}

export function subscriberBody(command: string, subscribers: string[], eventTime = 1670574414123): IDataObject {
	return {
		CallbackCommand: command,
		Official_Account: '@TOA#_test_for_penn',
		Operator_Account: '107867',
		SubscribeAccountList: subscribers.map((id) => ({ Subscriber_Account: id })),
		EventTime: eventTime,
	};
}

export const REFUSE_NODE_TYPE = 'test.refuseListed';

/**
 * Builds Tencent's reply to Before Add Subscriber from the trigger's item: refuses the subscribers listed in
 * the `refuse` parameter (comma-separated), or all of them with `refuseAll`. Stands in for an Edit Fields node.
 */
export class RefuseListedNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Refuse Listed',
		name: 'refuseListed',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Refuse Listed' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Refuse', name: 'refuse', type: 'string', default: '' },
			{ displayName: 'Refuse All', name: 'refuseAll', type: 'boolean', default: false },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const [first] = this.getInputData();
		if (this.getNodeParameter('refuseAll', 0) as boolean) {
			return [[{ json: { ActionStatus: 'OK', ErrorInfo: 'refused by the workflow', ErrorCode: 1 } }]];
		}
		const refuse = new Set(String(this.getNodeParameter('refuse', 0)).split(',').filter(Boolean));
		const list = (first?.json.SubscribeAccountList ?? []) as Array<{ Subscriber_Account: string }>;
		const refused = list.map((entry) => entry.Subscriber_Account).filter((id) => refuse.has(id));
		return [[{ json: { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, RefusedSubscribers_Account: refused } }]];
	}
}
