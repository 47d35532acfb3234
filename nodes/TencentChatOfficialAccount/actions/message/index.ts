import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as recall from './recall.operation';
import * as send from './send.operation';
import { operationProperty } from '../shared/versionedDefaults';

/** Operations of the Message resource; adding one is a new file plus a line here. */
export const operations = {
	send,
	recall,
	getMany,
};

const messageOperations: INodePropertyOptions[] = [
	{
		name: 'Get Many',
		value: 'getMany',
		description: "List an official account's sent messages, newest first",
		action: 'Get many messages',
	},
	{
		name: 'Recall',
		value: 'recall',
		description: 'Recall sent messages by their MsgKey, from every subscriber',
		action: 'Recall messages',
	},
	{
		name: 'Send',
		value: 'send',
		description:
			'Broadcast one message from an official account to EVERY subscriber of that account (needs the account ID and the message). It cannot be undone silently; at most 2 per hour per account.',
		action: 'Send a message to all subscribers',
	},
];

export const description: INodeProperties[] = [
	// Version 1 keeps its default (n8n saves only non-default values); version 2 defaults to a read.
	...operationProperty('message', messageOperations, { version1: 'send', fromVersion2: 'getMany' }),
	...send.description,
	...recall.description,
	...getMany.description,
];
