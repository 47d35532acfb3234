import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as subscriber from './actions/subscriber';

export class TencentChatOfficialAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat Official Account',
		name: 'tencentChatOfficialAccount',
		icon: { light: 'file:../../icons/tencentChat.svg', dark: 'file:../../icons/tencentChat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage subscribers of Tencent Cloud Chat official accounts',
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
				options: [{ name: 'Subscriber', value: 'subscriber' }],
				default: 'subscriber',
			},
			...subscriber.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
