// Product.tags in the panel. The form posts a many-to-many as `tags.0=<id>`, `tags.1=<id>`; TypeORM
// silently ignores bare ids in a relation array, so they become `{ id }` before the save (the
// plugin then records each link added or removed). Show and edit pages get the current tag ids.
import type { ActionRequest, After, Before, RecordActionResponse } from 'adminjs';
import { Product } from './entities/Product.js';

const EMPTY_ARRAY = '__FORM_VALUE_EMPTY_ARRAY__';

export const tagIdsToObjects: Before = async (request: ActionRequest) => {
  const payload = request.payload;
  if (!payload || !Object.keys(payload).some((key) => key === 'tags' || key.startsWith('tags.'))) return request;
  const ids = Object.entries(payload).filter(([key, value]) => /^tags\.\d+$/.test(key) && value !== '' && value !== EMPTY_ARRAY).map(([, value]) => value);
  const rest = Object.fromEntries(Object.entries(payload).filter(([key]) => key !== 'tags' && !key.startsWith('tags.')));
  const tags = ids.length > 0 ? Object.fromEntries(ids.map((id, index) => [`tags.${index}.id`, id])) : { tags: [] };
  return { ...request, payload: { ...rest, ...tags } };
};

export const withTagIds: After<RecordActionResponse> = async (response) => {
  const id = response.record?.params?.id;
  if (!id) return response;
  const product = await Product.findOne({ where: { id: String(id) }, relations: { tags: true } });
  product?.tags.forEach((tag, index) => (response.record.params[`tags.${index}`] = tag.id));
  return response;
};
