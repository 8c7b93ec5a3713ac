// Agents see only the inboxes and teams they belong to: the list is narrowed to those rows and
// any other record is refused. Administrators see everything.
import { ACTIONS, ForbiddenError, type ActionContext, type ActionHandler, type ActionRequest, type BaseResource, type Filter, type ListActionResponse } from 'adminjs';
import { In } from 'typeorm';
import type { DataSource } from 'typeorm';
import { linkedIds, type MembershipTable } from '../memberships/membership-links.js';
import { administratorsOnly, currentAccountOf, isAdministrator, readForAllWriteForAdministrators } from './access.js';
import type { showLinkedIds } from './linked-ids.js';

type FilterWithCustom = Filter & { filters: Record<string, { custom?: unknown }> };

function narrowedTo(resource: BaseResource, ids: number[]): BaseResource {
  // @adminjs/typeorm passes a filter's `custom` value straight to TypeORM's where (custom-filter.parser).
  const narrow = (filter: Filter) => {
    const narrowed = filter as FilterWithCustom;
    narrowed.filters.id = { path: 'id', property: resource.property('id'), value: ids.join(','), custom: In(ids.length > 0 ? ids : [0]) } as never;
    return filter;
  };
  const scoped = Object.create(resource) as BaseResource;
  scoped.find = (filter, options, context) => resource.find(narrow(filter), options, context);
  scoped.count = (filter, context) => resource.count(narrow(filter), context);
  return scoped;
}

/** `plural`: what the refusal calls these records ("inboxes"). */
export function membersOnly(dataSource: DataSource, table: MembershipTable, plural: string) {
  // The resource confines everything to the current account; this narrows it to the agent's own rows there.
  const memberOf = async (context: ActionContext): Promise<number[]> => {
    const account = currentAccountOf(context.currentAdmin);
    return account === undefined ? [] : linkedIds(dataSource.manager, account, table, 'member', Number(context.currentAdmin?.id));
  };
  const stockList = ACTIONS.list.handler as ActionHandler<ListActionResponse>;

  const list: ActionHandler<ListActionResponse> = async (request, response, context) => {
    if (isAdministrator(context.currentAdmin)) return stockList(request, response, context);
    const resource = narrowedTo(context.resource, await memberOf(context));
    return stockList(request, response, { ...context, resource });
  };

  const refuseNonMembers = async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (isAdministrator(context.currentAdmin)) return request;
    const id = Number(context.record?.id() ?? request.params.recordId);
    if (!(await memberOf(context)).includes(id)) throw new ForbiddenError(`You can only see the ${plural} you belong to.`);
    return request;
  };

  return { list, refuseNonMembers };
}

/**
 * Actions of a resource agents read only where they belong (inboxes, teams), with its linked
 * members shown on show and edit; administrators manage every record.
 */
export function memberScopedActions(scope: ReturnType<typeof membersOnly>, showLinked: ReturnType<typeof showLinkedIds>) {
  return {
    ...readForAllWriteForAdministrators,
    list: { isAccessible: true, handler: scope.list },
    show: { isAccessible: true, before: scope.refuseNonMembers, after: showLinked },
    search: { isAccessible: administratorsOnly },
    edit: { ...readForAllWriteForAdministrators.edit, after: showLinked },
  };
}
