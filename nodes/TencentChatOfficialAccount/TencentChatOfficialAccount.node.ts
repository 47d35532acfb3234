import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as callback from './actions/callback';
import * as message from './actions/message';
import * as officialAccount from './actions/officialAccount';
import * as subscriber from './actions/subscriber';
import * as subscription from './actions/subscription';
import * as user from './actions/user';

const RESOURCES = [
	{ name: 'Callback', value: 'callback' },
	{ name: 'Message', value: 'message' },
	{ name: 'Official Account', value: 'officialAccount' },
	{ name: 'Subscriber', value: 'subscriber' },
	{ name: 'Subscription', value: 'subscription' },
	{ name: 'User', value: 'user' },
];

/**
 * The Resource choice, once for the node and once for its AI-tool variant (n8n's `@tool` display rule): an agent
 * cannot answer a callback's HTTP request, so the tool variant has no Callback.
 */
function resourceProperty({ tool }: { tool: boolean }): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: tool ? RESOURCES.filter((resource) => resource.value !== 'callback') : RESOURCES,
		// Safe in both versions: Subscriber opens on Get Many from version 2 on.
		default: 'subscriber',
		displayOptions: { show: { '@tool': [tool] } },
	};
}

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
		// Callback → Respond talks to no Tencent API; hiding (not listing the others) keeps new resources covered.
		credentials: [{ name: 'tencentChatApi', required: true, displayOptions: { hide: { resource: ['callback'] } } }],
		properties: [
			resourceProperty({ tool: false }),
			resourceProperty({ tool: true }),
			...callback.description,
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
