// The heading and buttons above every list and record page, in place of AdminJS's own
// (registered with componentLoader.override in panel-overrides.ts). Two things differ from it:
//
// - The heading names what the page shows, from translations or data, not the action ("Show",
//   "List"): a record's page its title, a list its resource's label, as the menu calls it; other
//   record pages say both ("Edit: Alice Martin", messages.recordActionHeading).
// - The action buttons wrap onto more lines when they do not fit beside the heading. AdminJS's
//   header keeps them on one line that never shrinks: with seven buttons the row ran under the
//   heading and past the right edge of the window.
//
// Drawer headers (actions with showInDrawer, none in MessageHub) are left to AdminJS.
import React from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Badge, Box, ButtonGroup, cssClass, H2, type ButtonInGroupProps } from '@adminjs/design-system';
import {
  actionHref,
  Breadcrumbs,
  buildActionClickHandler,
  buildActionTestId,
  OriginalActionHeader,
  useActionResponseHandler,
  useFilterDrawer,
  useModal,
  useTranslation,
  type ActionHeaderProps,
  type ActionJSON,
  type RecordJSON,
  type ResourceJSON,
} from 'adminjs';

type Translations = ReturnType<typeof useTranslation>;

/** What the page shows, in words: see the file's comment. */
function headingText(resource: ResourceJSON, action: ActionJSON, record: RecordJSON | undefined, { ta, tl, tm }: Translations): string {
  const actionLabel = ta(action.label, resource.id);
  if (record) {
    if (!record.title) return actionLabel;
    return action.name === 'show' ? record.title : tm('recordActionHeading', resource.id, { action: actionLabel, title: record.title });
  }
  return action.name === 'list' ? tl(resource.name, resource.id) : actionLabel;
}

/** One button per action; an action with a `parent` becomes an item of its parent's drop-down. */
function actionButtons(actions: ActionJSON[], resourceId: string, onClick: (event: unknown, action: ActionJSON) => void, ta: Translations['ta'], recordId?: string): ButtonInGroupProps[] {
  const byName = new Map<string, ButtonInGroupProps>();
  const topLevel: ButtonInGroupProps[] = [];
  for (const action of actions) {
    const href = actionHref(action, { resourceId, recordId });
    const button: ButtonInGroupProps = {
      icon: action.icon,
      label: ta(action.label, resourceId),
      variant: action.variant,
      source: action,
      href: href ?? undefined,
      // A button without an address has nothing to do on click (and shows no pointer).
      onClick: href ? (event: unknown) => onClick(event, action) : undefined,
      buttons: [],
      'data-testid': buildActionTestId(action),
      'data-css': `${action.resourceId}-${action.name}-button`,
    } as ButtonInGroupProps;
    byName.set(action.name, button);
    const parentName = typeof action.parent === 'string' ? action.parent : undefined;
    if (!parentName) {
      topLevel.push(button);
      continue;
    }
    let parent = byName.get(parentName);
    if (!parent) {
      parent = { label: parentName, buttons: [] };
      byName.set(parentName, parent);
      topLevel.push(parent);
    }
    parent.buttons = [...(parent.buttons ?? []), button];
  }
  return topLevel;
}

/** Buttons that wrap: each in a group of its own, so the row breaks between any two of them. */
function WrappingButtons({ buttons, size, rounded, justify }: { buttons: ButtonInGroupProps[]; size?: 'sm'; rounded?: boolean; justify: 'flex-start' | 'flex-end' }) {
  if (buttons.length === 0) return null;
  return (
    <Box flex flexWrap="wrap" justifyContent={justify} style={{ gap: 8 }} data-testid="action-buttons">
      {buttons.map((button, index) => (
        <ButtonGroup key={`${button.label ?? ''}-${index}`} size={size} rounded={rounded} buttons={[button]} />
      ))}
    </Box>
  );
}

function PageActionHeader(props: ActionHeaderProps) {
  const { resource, record, action, tag, omitActions, actionPerformed, toggleFilter: showFilterButton } = props;
  const translations = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const actionResponseHandler = useActionResponseHandler(actionPerformed);
  const modalFunctions = useModal();
  const { toggleFilter, filtersCount } = useFilterDrawer();

  if (action.hideActionHeader) return null;
  if (action.showInDrawer) return <OriginalActionHeader {...props} />;

  const resourceId = resource.id;
  const recordId = record?.id === undefined ? undefined : String(record.id);
  const onClick = (event: unknown, source: ActionJSON) =>
    buildActionClickHandler({
      action: source,
      params: { resourceId, recordId },
      actionResponseHandler,
      navigate,
      location,
      translateFunctions: translations,
      modalFunctions,
    })(event);

  // A record's page offers the record's other actions; a resource's page only "new" (AdminJS's choice).
  const pageActions = record ? record.recordActions.filter((other) => other.name !== action.name) : resource.resourceActions.filter((other) => other.name === 'new' && other.name !== action.name);
  const buttons = actionButtons(pageActions, resourceId, onClick, translations.ta, recordId);
  if (showFilterButton) {
    buttons.push({
      label: translations.tb(filtersCount > 0 ? 'filterActive' : 'filter', resourceId, { count: filtersCount }),
      onClick: toggleFilter,
      icon: 'Filter',
      'data-css': `${resourceId}-filter-button`,
    } as ButtonInGroupProps);
  }
  const resourceButtons = action.showResourceActions
    ? actionButtons(
        resource.resourceActions.filter((other) => !['list', 'new'].includes(other.name)),
        resourceId,
        onClick,
        translations.ta,
      )
    : [];

  return (
    <Box className={cssClass('ActionHeader')} data-css={`${resourceId}-${action.name}-action-header`}>
      <Box flex flexDirection="row" alignItems="flex-start" px={['default', 0]} style={{ gap: 8 }}>
        <Breadcrumbs resource={resource} actionName={action.name} record={record} />
        <WrappingButtons buttons={resourceButtons} size="sm" rounded justify="flex-end" />
      </Box>
      {/* The heading takes the line; the buttons sit beside it while they fit, else below it, wrapped. */}
      <Box display={['block', 'flex']} flexWrap="wrap" alignItems="flex-start" mt="lg" mb="default" style={{ columnGap: 24 }}>
        <Box flexGrow={1} px={['default', 0]} style={{ minWidth: 0 }}>
          <H2 mb="lg" data-testid="action-heading" style={{ overflowWrap: 'anywhere' }}>
            <span data-testid="action-heading-title">{headingText(resource, action, record, translations)}</span>
            {tag ? (
              <Badge variant="default" outline ml="default">
                {tag}
              </Badge>
            ) : null}
          </H2>
        </Box>
        {!omitActions && (
          <Box mb="lg" px={['default', 0]} style={{ maxWidth: '100%' }}>
            <WrappingButtons buttons={buttons} justify="flex-start" />
          </Box>
        )}
      </Box>
    </Box>
  );
}

export default PageActionHeader;
