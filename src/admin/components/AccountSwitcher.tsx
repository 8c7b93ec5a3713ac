// My profile → Accounts: the accounts the user belongs to, the current one marked, and a button to
// work in another. A plain form post (no script needed): the server checks the membership, changes
// the session and sends the browser back to the panel, whose pages then show the other account.
import React, { useEffect, useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';
import type { AccountChoice } from '../resources/switch-account-action.js';

const api = new ApiClient();

const AccountSwitcher: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage } = useTranslation();
  const [accounts, setAccounts] = useState<AccountChoice[]>([]);
  const [switchPath, setSwitchPath] = useState<string | null>(null);

  useEffect(() => {
    void api.recordAction({ resourceId: resource.id, recordId: String(record?.id), actionName: action.name }).then((response) => {
      const data = response.data as { accounts?: AccountChoice[]; switchPath?: string };
      setAccounts(data.accounts ?? []);
      setSwitchPath(data.switchPath ?? null);
    });
  }, [record?.id]);

  return (
    <Box variant="container" data-testid="account-switcher">
      <Text mb="lg">{translateMessage('switchAccountHelp', resource.id)}</Text>
      {accounts.map((account) => (
        <Box key={account.id} flex flexDirection="row" alignItems="center" mb="default" style={{ gap: 12 }} data-account={account.id}>
          <Text style={{ minWidth: 240 }}>
            <strong>{account.name}</strong> · {translateMessage(account.role === 'administrator' ? 'switchAccountRoleAdministrator' : 'switchAccountRoleAgent', resource.id)}
          </Text>
          {account.current ? (
            <Text>{translateMessage('switchAccountCurrent', resource.id)}</Text>
          ) : switchPath ? (
            <form method="post" action={switchPath}>
              <input type="hidden" name="accountId" value={account.id} />
              <Button type="submit" variant="outlined" size="sm">{translateMessage('switchAccountButton', resource.id)}</Button>
            </form>
          ) : null}
        </Box>
      ))}
    </Box>
  );
};

export default AccountSwitcher;
