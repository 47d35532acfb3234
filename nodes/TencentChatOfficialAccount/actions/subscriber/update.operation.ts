import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { perItemOptionsDescription } from '../../engine/options';
import { runPerItem, type PerItemOperation } from '../../engine/perItem';
import { checkTextField } from '../../helpers/textFields';
import { COMMANDS, MODIFY_SUBSCRIBER, TEXT_FIELD_MAX_BYTES } from '../../tencent/contract';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { readChecked, type CheckedParameter } from '../../engine/readChecked';
import { officialAccountProperty, SUBSCRIBER_ID, subscriberIdProperty } from '../shared/subscriberIds';

const CUSTOM_STRING: CheckedParameter<string> = {
	parameter: 'customString',
	label: 'Custom String',
	check: (raw) => checkTextField('Custom String', 'CustomString', raw),
	fix: `Shorten Custom String to at most ${TEXT_FIELD_MAX_BYTES.CustomString} bytes in UTF-8 (about 1000 Chinese characters), or store a reference to the data instead.`,
};

interface UpdateSubscriberRequest {
	officialAccount: string;
	subscriberId: string;
	customString: string;
}

/** Subscriber → Update: `modify_subscriber_info`, sets one subscriber's CustomString per item. */
const operation: PerItemOperation<UpdateSubscriberRequest> = {
	action: 'update the subscriber',
	read: (reader, itemIndex) => {
		const account = readOfficialAccount(reader, itemIndex);
		if (!account.ok) return account;
		const subscriber = readChecked(reader, itemIndex, SUBSCRIBER_ID);
		if (!subscriber.ok) return subscriber;
		const customString = readChecked(reader, itemIndex, CUSTOM_STRING);
		if (!customString.ok) return customString;
		return { ok: true, request: { officialAccount: account.value, subscriberId: subscriber.value, customString: customString.value } };
	},
	identify: ({ officialAccount, subscriberId }) => ({ officialAccount, subscriberId }),
	run: async (client, { officialAccount, subscriberId, customString }) => {
		await client.call(COMMANDS.modifySubscriber, {
			[MODIFY_SUBSCRIBER.officialAccount]: officialAccount,
			[MODIFY_SUBSCRIBER.subscriber]: subscriberId,
			[MODIFY_SUBSCRIBER.customString]: customString,
		});
		return { officialAccount, subscriberId, customString, updated: true };
	},
};

const properties: INodeProperties[] = [
	officialAccountProperty('The official account the user subscribes to; its ID starts with @TOA#_'),
	subscriberIdProperty('The UserID of the subscriber to update; the user must already subscribe to the account'),
	{
		displayName: 'Custom String',
		name: CUSTOM_STRING.parameter,
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. {"tier":"gold"}',
		description: `Your own data for this subscriber, replacing what was stored (at most ${TEXT_FIELD_MAX_BYTES.CustomString} bytes in UTF-8; empty clears it)`,
	},
	perItemOptionsDescription,
];

export const description = updateDisplayOptions({ show: { resource: ['subscriber'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
