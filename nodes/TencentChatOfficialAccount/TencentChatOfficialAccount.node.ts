import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as callback from './actions/callback';
import * as message from './actions/message';
import * as officialAccount from './actions/officialAccount';
import * as subscriber from './actions/subscriber';
import * as subscription from './actions/subscription';

export class TencentChatOfficialAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat Official Account',
		name: 'tencentChatOfficialAccount',
		icon: { light: 'file:../../icons/tencentChat.svg', dark: 'file:../../icons/tencentChat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Tencent Cloud Chat official accounts, their subscribers and messages',
		defaults: { name: 'Tencent Chat Official Account' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Callback → Respond talks to no Tencent API; hiding (not listing the others) keeps new resources covered.
		credentials: [{ name: 'tencentChatApi', required: true, displayOptions: { hide: { resource: ['callback'] } } }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Callback', value: 'callback' },
					{ name: 'Message', value: 'message' },
					{ name: 'Official Account', value: 'officialAccount' },
					{ name: 'Subscriber', value: 'subscriber' },
					{ name: 'Subscription', value: 'subscription' },
				],
				default: 'subscriber',
				displayOptions: { show: { '@tool': [false] } },
			},
			{
				// The AI-tool variant of this node: an agent cannot answer a callback, so Callback is left out.
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message' },
					{ name: 'Official Account', value: 'officialAccount' },
					{ name: 'Subscriber', value: 'subscriber' },
					{ name: 'Subscription', value: 'subscription' },
				],
				default: 'subscriber',
				displayOptions: { show: { '@tool': [true] } },
			},
			...callback.description,
			...message.description,
			...officialAccount.description,
			...subscriber.description,
			...subscription.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
