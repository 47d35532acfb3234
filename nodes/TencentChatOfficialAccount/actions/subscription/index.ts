import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import { operationProperty } from '../shared/versionedDefaults';

/** Operations of the Subscription resource (what one user follows); adding one is a new file plus a line here. */
export const operations = {
	getMany,
};

const subscriptionOperations: INodePropertyOptions[] = [
	{
		name: 'Get Many',
		value: 'getMany',
		description: 'List the official accounts one user (by UserID) follows, with when they subscribed',
		action: 'Get many subscriptions',
	},
];

export const description: INodeProperties[] = [
	...operationProperty('subscription', subscriptionOperations, { version1: 'getMany', fromVersion2: 'getMany' }),
	...getMany.description,
];
