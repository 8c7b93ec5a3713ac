// Entries as their reader reads them: the Activity sentence rendered in the reader's language from
// the stored key and parameters, the category's translated name, and the changed fields under the
// labels the forms use. Runs after the list and show actions, on what they are about to send.
import type { ActionContext, ActionRequest, ActionResponse, CurrentAdmin, RecordJSON } from 'adminjs';
import { flat } from 'adminjs';
import type { RenderableEntry } from '../../catalogue/sentence.js';
import type { ChangeRow, ShowDetails } from './show-details.js';

/** What a reader's language gives: their sentence, category name and field label. */
export interface ReaderTexts {
  sentence: (entry: RenderableEntry) => string;
  category: (category: string) => string;
  field: (targetType: string | null, field: string) => string;
}

export type ReaderTextsOf = (admin: CurrentAdmin | undefined) => Promise<ReaderTexts>;

type Row = Partial<RenderableEntry> & { category?: string; viewer?: ShowDetails };

function entryOf(row: Row): RenderableEntry {
  return {
    action: String(row.action ?? ''),
    actorName: String(row.actorName ?? ''),
    targetType: row.targetType ?? null,
    targetId: row.targetId ?? null,
    targetLabel: row.targetLabel ?? null,
    details: row.details ?? null,
    params: row.params ?? null,
    sentence: String(row.sentence ?? ''),
  };
}

/**
 * `category`: replace the category with its name too. The list leaves it: AdminJS shows it as a
 * badge of the category filter's values, translated from the same key, and only an untouched value
 * matches one; the show page prints it as it is.
 */
function renderRecord(record: RecordJSON, texts: ReaderTexts, category: boolean): void {
  const params = record.params as Record<string, unknown>;
  const row = flat.unflatten(params) as Row;
  const sentence = texts.sentence(entryOf(row));
  params.sentence = sentence;
  record.title = sentence;
  if (category && typeof row.category === 'string') params.category = texts.category(row.category);
  // The show page's change rows (show-details.ts) under the form's labels.
  const viewer = params.viewer as ShowDetails | undefined;
  if (viewer?.changes) {
    viewer.changes = viewer.changes.map((change: ChangeRow) => ({ ...change, label: texts.field(row.targetType ?? null, change.field) }));
  }
}

/** After-hook for the list: every row's sentence in the reader's language. */
export function renderListSentences(textsOf: ReaderTextsOf) {
  return async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const texts = await textsOf(context.currentAdmin);
    for (const record of (response.records ?? []) as RecordJSON[]) renderRecord(record, texts, false);
    return response;
  };
}

/** After-hook for the show page (run last): the sentence, category and change labels in the reader's language. */
export function renderShowSentence(textsOf: ReaderTextsOf) {
  return async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const record = response.record as RecordJSON | undefined;
    if (record) renderRecord(record, await textsOf(context.currentAdmin), true);
    return response;
  };
}
