// My profile → Language: each user picks the language the panel and the audit log's sentences are
// shown in for them (stored on the user; none chosen: the account's). Saved as an audited change
// of the user, like any other.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError, type Action, type ActionContext, type ActionHandler, type ActionRequest, type ActionResponse, type ComponentLoader, type RecordActionResponse } from 'adminjs';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../../domain/languages.js';
import { User } from '../../entities/User.js';
import { recordChangeHandler } from '../record-action.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const isOwnRecord = ({ currentAdmin, record }: ActionContext) => record != null && currentAdmin?.id != null && String(record.id()) === String(currentAdmin.id);

/** Saves `chosen` as the signed-in user's language. */
const saveLanguage = (chosen: unknown) =>
  recordChangeHandler({
    async run(manager, id, context) {
      if (String(id) !== String(context.currentAdmin?.id)) throw new ValidationError({}, { message: 'languageOnlyYours', type: 'refused' });
      if (!isLanguage(chosen)) throw new ValidationError({}, { message: 'languageUnknown', type: 'refused' });
      const user = await manager.findOneBy(User, { id });
      if (!user) throw new ValidationError({}, { message: 'languageUserGone', type: 'refused' });
      if (user.locale !== chosen) {
        user.locale = chosen;
        await manager.save(user);
      }
      return 'languageChanged';
    },
  }) as ActionHandler<RecordActionResponse>;

/** The component's name on the panel's loader (registerLanguageChoice, called by admin.ts). */
const LANGUAGE_CHOICE_COMPONENT = 'LanguageChoice';

export function registerLanguageChoice(loader: ComponentLoader): void {
  loader.add(LANGUAGE_CHOICE_COMPONENT, path.join(here, '../components/LanguageChoice'));
}

/** The "Language" action of My profile. */
export function chooseLanguageAction(): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: 'Globe',
    component: LANGUAGE_CHOICE_COMPONENT,
    isAccessible: isOwnRecord,
    isVisible: isOwnRecord,
    handler: async (request: ActionRequest, response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
      const { record, currentAdmin } = context;
      if (request.method === 'post') return saveLanguage(request.payload?.locale)(request, response, context);
      const current = (record?.param('locale') as string | null) ?? null;
      const json = record!.toJSON(currentAdmin);
      json.params.languageOptions = LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value], current: value === current }));
      return { record: json };
    },
  };
}
