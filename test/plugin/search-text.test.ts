// The list, the filters and the export spell the searched text and the entry month themselves
// (list/search-text.ts); the migrations that built the indexes keep frozen copies. PostgreSQL uses
// an expression index only for the very same expression, so a drift between the two would leave
// every search scanning the table: these tests catch it.
import { AUDIT_SEARCH_EXPRESSION } from '../../plugin/src/migration/create-audit-log.js';
import { AUDIT_MONTH_EXPRESSION } from '../../plugin/src/migration/add-audit-search-by-month.js';
import { monthOfEntrySql, searchPatternOf, searchTextSql, telltaleWord } from '../../plugin/src/adminjs/list/search-text.js';

describe('the search text and month, as the list spells them', () => {
  it('are exactly the expressions the migrations indexed', () => {
    expect(searchTextSql()).toBe(AUDIT_SEARCH_EXPRESSION);
    expect(monthOfEntrySql()).toBe(AUDIT_MONTH_EXPRESSION);
  });

  it('name the columns through alias `log` and change nothing else', () => {
    expect(searchTextSql('log')).toBe(
      `(coalesce(log.sentence, '') || chr(31) || coalesce(log.actor_name, '') || chr(31) || coalesce(log.actor_email, '') || chr(31) || coalesce(log.target_label, ''))`,
    );
    expect(searchTextSql('log').replace(/\blog\./g, '')).toBe(AUDIT_SEARCH_EXPRESSION);
    expect(monthOfEntrySql('log')).toBe(`date_trunc('month', log.occurred_at AT TIME ZONE 'UTC')`);
  });
});

describe('the search pattern', () => {
  it('is the trimmed term anywhere, its LIKE wildcards and escape character literal', () => {
    expect(searchPatternOf('  signed in ')).toBe('%signed in%');
    expect(searchPatternOf('%_\\')).toBe('%\\%\\_\\\\%');
  });
});

describe('the word a search asks the trigram index for', () => {
  it('is the longest word, preferring words with digits, and none when the term is one word or too short', () => {
    expect(telltaleWord('priya.mensah470@account40.example')).toBe('mensah470');
    expect(telltaleWord('deleted inbox')).toBe('deleted');
    expect(telltaleWord('inbox')).toBeNull();
    expect(telltaleWord('a.b')).toBeNull();
  });
});
