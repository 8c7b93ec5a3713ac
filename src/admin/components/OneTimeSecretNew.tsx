// The "new" form of a resource whose creation answers with a one-time secret (Users: the
// invitation link; Webhooks: the signing secret). It is AdminJS's own New form (the action's
// layout when it has one, else the properties shown in edit), except what happens on success:
// the secret is shown in OneTimeSecretDialog, and the page moves on to where the action
// redirects only once the administrator has dismissed it.
import React from 'react';
import { BasePropertyComponent, LayoutElementRenderer, useRecord, useTranslation, type ActionProps, type RecordJSON } from 'adminjs';
import { Box, Button, DrawerContent, DrawerFooter, Icon } from '@adminjs/design-system';
import OneTimeSecretDialog from './OneTimeSecretDialog.js';
import { oneTimeSecretOf, type OneTimeSecret } from './OneTimeSecretResponse.js';

// What AdminJS's New form resets itself to once a record is created.
const EMPTY_FORM = { params: {}, populated: {}, errors: {} } as unknown as RecordJSON;

// A page load rather than the router's navigation: the router is AdminJS's, not a dependency of ours.
const goTo = (url: string) => window.location.assign(url);

const OneTimeSecretNew: React.FC<ActionProps> = (props) => {
  const { resource, action } = props;
  const { record, handleChange, submit, loading } = useRecord(undefined, resource.id);
  const { translateButton } = useTranslation();
  const [revealed, setRevealed] = React.useState<{ secret: OneTimeSecret; next?: string } | null>(null);

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    // useRecord shows the notice; a refusal comes back with the record's errors and no redirect.
    void submit().then(({ data }) => {
      const created = Boolean(data.record?.id) && Object.keys(data.record?.errors ?? {}).length === 0;
      if (created) handleChange(EMPTY_FORM);
      const secret = created ? oneTimeSecretOf(data) : null;
      if (secret) setRevealed({ secret, next: data.redirectUrl });
      else if (data.redirectUrl) goTo(data.redirectUrl);
    });
  };

  const dismiss = () => {
    const next = revealed?.next;
    setRevealed(null);
    if (next) goTo(next);
  };

  return (
    <Box as="form" flex flexGrow={1} flexDirection="column" onSubmit={onSubmit} data-testid="one-time-secret-new-form">
      <DrawerContent>
        {action.layout
          ? action.layout.map((element, index) => (
              // Layout elements have no id of their own; their order is fixed by the action's options.
              // eslint-disable-next-line react/no-array-index-key
              <LayoutElementRenderer key={index} {...props} layoutElement={element} where="edit" onChange={handleChange} record={record} />
            ))
          : resource.editProperties.map((property) => (
              <BasePropertyComponent key={property.propertyPath} where="edit" onChange={handleChange} property={property} resource={resource} record={record} />
            ))}
      </DrawerContent>
      <DrawerFooter>
        <Button variant="contained" type="submit" data-testid="button-save" disabled={loading || revealed !== null}>
          {loading ? <Icon icon="Loader" spin /> : null}
          {translateButton('save', resource.id)}
        </Button>
      </DrawerFooter>
      {revealed ? <OneTimeSecretDialog secret={revealed.secret} resourceId={resource.id} onDismiss={dismiss} /> : null}
    </Box>
  );
};

export default OneTimeSecretNew;
