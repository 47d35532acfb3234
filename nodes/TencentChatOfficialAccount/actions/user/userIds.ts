import type { IdListSource } from '../../engine/idListSource';
import { checkUserId } from '../../helpers/identifiers';

/** The UserIDs User → Import and User → Check take: a list below, or a field of each item. */
export const USER_IDS: IdListSource = {
	label: 'User IDs',
	check: (raw) => checkUserId(raw, 'UserID'),
	fromParameter: 'userIdsFrom',
	listParameter: 'userIds',
	fieldParameter: 'userIdField',
	fromLabel: 'User IDs From',
	fieldLabel: 'User ID Field',
	listPlaceholder: 'e.g. user001, user002 or {{ $json.userIds }}',
	listDescription:
		'UserIDs of your app: one ID, a list separated by commas, semicolons, spaces or new lines, or an expression returning a list of IDs',
	fieldPlaceholder: 'e.g. userId or contact.imUserId',
	fieldDescription:
		'The input field that holds the UserID (or a list of UserIDs) of each item; drag it in from the input panel. Nested fields use dots.',
	fix: 'Give User IDs as one ID, a list separated by commas or new lines, or a list, e.g. {{ $json.userIds }}. Each ID is printable ASCII, at most 32 bytes.',
};

/** Output field of the UserID. */
export const USER_ID_FIELD = 'userId';

export const USER_WORDING = { noun: 'user', nouns: 'users' } as const;
