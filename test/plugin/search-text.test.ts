// The list, the filters and the export spell the searched text and the entry month themselves
// (list/search-text.ts); the migrations that built the indexes keep frozen copies. PostgreSQL uses
// an expression index only for the very same expression, so a drift between the two would leave
// every search scanning the table: these tests catch it.
import { AUDIT_SEARCH_EXPRESSION } from '../../plugin/src/migration/create-audit-log.js';
import { AUDIT_MONTH_EXPRESSION } from '../../plugin/src/migration/add-audit-search-by-month.js';
import { monthOfEntrySql, searchPatternOf, searchTextSql, searchWords, telltaleWord } from '../../plugin/src/adminjs/list/search-text.js';

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

  it('is the word the fewest of the newest entries hold when the window has counted them, then the best-looking', () => {
    // searchWords order: account34 and silva400 (9 + 3 and 8 + 3), example (7); alice (5) is not counted.
    expect(searchWords('alice.silva400@account34.example')).toEqual(['account34', 'silva400', 'example']);
    expect(telltaleWord('alice.silva400@account34.example')).toBe('account34');
    // Among the newest entries account34 is in 60 (everyone in that account), silva400 in 4 (hers).
    expect(telltaleWord('alice.silva400@account34.example', [60, 4, 4800])).toBe('silva400');
    // A tie in counts keeps the best-looking word.
    expect(telltaleWord('alice.silva400@account34.example', [0, 0, 0])).toBe('account34');
    // A frequent word and an absent one: the absent one (no entry to re-check).
    expect(telltaleWord('signed in by nobody', [1500, 0])).toBe('nobody');
  });

  it('counts at most three distinct words (ignoring case) of three characters or more', () => {
    expect(searchWords('in a by on')).toEqual([]);
    expect(searchWords('team Team TEAM member')).toEqual(['member', 'team']);
    expect(searchWords('one two three four five six')).toEqual(['three', 'four', 'five']);
  });
});
