// The Audit Logs list: the search bar on top, AdminJS's own records table and pager below, and
// the filter drawer of the other filters. Every piece reads its state from the URL (list-url.ts),
// so Back, a reload and a shared link show the same list. The resource's list action names this
// component and turns AdminJS's own Filter button and drawer off (audit-log-options.ts): the bar
// carries the button, and the drawer here is rebuilt whenever the URL's filters change.
import React from 'react';
import { useLocation, useNavigate } from 'react-router';
import { FilterDrawer, RecordsTable, useSelectedRecords, type ActionProps } from 'adminjs';
import { Box, Pagination, Text } from '@adminjs/design-system';
import AuditSearchBar from './AuditSearchBar.js';
import { filtersKey, withPage } from './list-url.js';
import { useListRecords } from './use-list-records.js';

const AuditLogList: React.FC<ActionProps> = ({ resource, setTag }) => {
  const location = useLocation();
  const navigate = useNavigate();
  const list = useListRecords(resource.id);
  const { selectedRecords, handleSelect, handleSelectAll, setSelectedRecords } = useSelectedRecords(list.records);

  // The count beside the heading, as AdminJS's list shows it.
  React.useEffect(() => setTag?.(String(list.total)), [list.total, setTag]);
  // A selection never outlives the rows it was made on.
  React.useEffect(() => setSelectedRecords([]), [list.records, setSelectedRecords]);

  const toPage = (page: number) => navigate({ pathname: location.pathname, search: withPage(location.search, page) });

  return (
    <Box variant="container" data-css={`${resource.id}-list-table-wrapper`} data-testid="audit-log-list">
      <AuditSearchBar resource={resource} />
      <RecordsTable
        resource={resource}
        records={list.records}
        actionPerformed={() => list.fetchData()}
        onSelect={handleSelect}
        onSelectAll={handleSelectAll}
        selectedRecords={selectedRecords}
        direction={list.direction}
        sortBy={list.sortBy}
        isLoading={list.loading}
      />
      <Text mt="xl" textAlign="center">
        <Pagination page={list.page} perPage={list.perPage} total={list.total} onChange={toPage} />
      </Text>
      <FilterDrawer key={filtersKey(location.search)} resource={resource} />
    </Box>
  );
};

export default AuditLogList;
