// The search bar above the Audit Logs list: type, press Enter, see the matches. It searches what
// the filter drawer's search field searches (the sentence, the actor's name and email, the target,
// ignoring case) through the same URL parameter, so the URL holds the search and the bar only
// ever shows what the URL holds. Beside it, the button that opens the drawer of the other filters.
import React from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useFilterDrawer, useTranslation, type ResourceJSON } from 'adminjs';
import { Box, Button, Icon, Input } from '@adminjs/design-system';
import { otherFilterCount, searchOf, withSearch } from './list-url.js';

export interface AuditSearchBarProps {
  resource: ResourceJSON;
}

const AuditSearchBar: React.FC<AuditSearchBarProps> = ({ resource }) => {
  const { translateComponent } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { toggleFilter } = useFilterDrawer();
  const applied = searchOf(location.search);
  const [text, setText] = React.useState(applied);
  // The bar follows the URL: after Back, a reload, a link or the drawer's Apply it shows the search
  // the list shows, never a term typed before.
  React.useEffect(() => setText(applied), [applied]);

  // A new history entry per search, so Back returns to the list before it.
  const search = (term: string) => {
    if (term.trim() !== applied) navigate({ pathname: location.pathname, search: withSearch(location.search, term) });
  };
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    search(text);
  };
  const onChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    setText(event.target.value);
    // Emptying the bar ends the search at once (Enter is for a new term, not for none).
    if (event.target.value === '') search('');
  };
  const clear = () => {
    setText('');
    search('');
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') clear();
  };
  const others = otherFilterCount(location.search);

  return (
    <Box as="form" role="search" onSubmit={onSubmit} flex flexDirection="row" alignItems="center" mb="lg" style={{ gap: 8 }} data-testid="audit-search-bar">
      {/* A text field, not type="search": browsers that draw their own clear button would show two. */}
      <Input
        type="text"
        name="search"
        enterKeyHint="search"
        autoComplete="off"
        value={text}
        onChange={onChange}
        onKeyDown={onKeyDown}
        placeholder={translateComponent('AuditLog.searchPlaceholder')}
        aria-label={translateComponent('AuditLog.searchLabel')}
        style={{ flexGrow: 1 }}
        data-testid="audit-search-input"
      />
      {(text !== '' || applied !== '') && (
        <Button type="button" variant="text" size="icon" onClick={clear} title={translateComponent('AuditLog.searchClear')} aria-label={translateComponent('AuditLog.searchClear')} data-testid="audit-search-clear">
          <Icon icon="X" />
        </Button>
      )}
      <Button type="submit" variant="contained" data-testid="audit-search-submit">
        <Icon icon="Search" />
        {translateComponent('AuditLog.searchButton')}
      </Button>
      {/* The drawer's button keeps AdminJS's data-css, so host styles and tests that name it still apply. */}
      <Button type="button" variant="outlined" onClick={toggleFilter} data-css={`${resource.id}-filter-button`} data-testid="audit-filter-button">
        <Icon icon="Filter" />
        {others > 0 ? translateComponent('AuditLog.searchFiltersActive', { count: others }) : translateComponent('AuditLog.searchFilters')}
      </Button>
    </Box>
  );
};

export default AuditSearchBar;
