// The form that makes an API token: a name and how long it lives. What was typed stays until the
// token is made: a refusal (a name the plugin does not take, too many tokens…) loses nothing.
import React from 'react';
import { useTranslation } from 'adminjs';
import { Box, Button, FormGroup, H4, Icon, Input, Label, Radio, Text } from '@adminjs/design-system';
import { API_TOKEN_LIFETIMES, DEFAULT_API_TOKEN_LIFETIME, type ApiTokenLifetime } from './ApiTokensResponse.js';

/** Message key of each lifetime's label. */
const LIFETIME_LABELS: Record<ApiTokenLifetime, string> = {
  '30': 'apiTokenLifetime30',
  '90': 'apiTokenLifetime90',
  '365': 'apiTokenLifetime365',
  never: 'apiTokenLifetimeNever',
};

export interface ApiTokenFormProps {
  resourceId: string;
  maxNameLength: number;
  /** Another request of the page is under way. */
  busy: boolean;
  /** Makes the token; true once it is made (the form then empties), false when refused. */
  onCreate: (name: string, lifetime: ApiTokenLifetime) => Promise<boolean>;
}

const ApiTokenForm: React.FC<ApiTokenFormProps> = ({ resourceId, maxNameLength, busy, onCreate }) => {
  const { translateButton, translateMessage } = useTranslation();
  const [name, setName] = React.useState('');
  const [lifetime, setLifetime] = React.useState<ApiTokenLifetime>(DEFAULT_API_TOKEN_LIFETIME);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (await onCreate(name, lifetime)) {
      setName('');
      setLifetime(DEFAULT_API_TOKEN_LIFETIME);
    }
  };

  return (
    <Box as="form" onSubmit={submit} mb="xxl" data-testid="api-token-form">
      <H4>{translateMessage('apiTokenNewHeading', resourceId)}</H4>
      <FormGroup>
        <Label htmlFor="api-token-name" required>
          {translateMessage('apiTokenName', resourceId)}
        </Label>
        <Input
          id="api-token-name"
          name="name"
          required
          maxLength={maxNameLength}
          value={name}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setName(event.target.value)}
          data-testid="api-token-name"
          style={{ maxWidth: 480, width: '100%' }}
        />
        <Text variant="sm" mt="sm">
          {translateMessage('apiTokenNameHelp', resourceId, { max: maxNameLength })}
        </Text>
      </FormGroup>
      <FormGroup>
        <Label id="api-token-lifetime-label">{translateMessage('apiTokenLifetime', resourceId)}</Label>
        <Box flex flexDirection="row" role="radiogroup" aria-labelledby="api-token-lifetime-label" style={{ flexWrap: 'wrap', gap: 24 }}>
          {API_TOKEN_LIFETIMES.map((value) => (
            <Box key={value} flex flexDirection="row" alignItems="center">
              <Radio
                id={`api-token-lifetime-${value}`}
                name="lifetime"
                value={value}
                checked={lifetime === value}
                onChange={() => setLifetime(value)}
                data-testid={`api-token-lifetime-${value}`}
              />
              <Label inline htmlFor={`api-token-lifetime-${value}`} ml="default" mb="0">
                {translateMessage(LIFETIME_LABELS[value], resourceId)}
              </Label>
            </Box>
          ))}
        </Box>
      </FormGroup>
      <Button type="submit" variant="contained" disabled={busy} data-testid="api-token-create">
        {busy ? <Icon icon="Loader" spin /> : <Icon icon="Plus" />}
        {translateButton('createApiToken', resourceId)}
      </Button>
    </Box>
  );
};

export default ApiTokenForm;
