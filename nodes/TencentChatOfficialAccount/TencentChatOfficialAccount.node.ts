import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as message from './actions/message';
import * as officialAccount from './actions/officialAccount';
import * as subscriber from './actions/subscriber';
import * as subscription from './actions/subscription';
import * as user from './actions/user';

export class TencentChatOfficialAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat Official Account',
		name: 'tencentChatOfficialAccount',
		icon: { light: 'file:../../icons/tencentChat.svg', dark: 'file:../../icons/tencentChat.dark.svg' },
		group: ['output'],
		// Version 2 changed only defaults (actions/shared/versionedDefaults.ts): every resource opens on an operation
		// that changes nothing. Version 1 keeps its defaults, so saved workflows keep their meaning.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Tencent Cloud Chat official accounts, their subscribers and messages',
		defaults: { name: 'Tencent Chat Official Account' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentChatApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message' },
					{ name: 'Official Account', value: 'officialAccount' },
					{ name: 'Subscriber', value: 'subscriber' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'User', value: 'user' },
				],
				// Safe in both versions: Subscriber opens on Get Many from version 2 on.
				default: 'subscriber',
			},
			...message.description,
			...officialAccount.description,
			...subscriber.description,
			...subscription.description,
			...user.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
