// The records of the Audit Logs list for the query in the URL, like AdminJS's own useRecords, with
// one difference: only the answer to the latest query is ever shown. A search answered slowly
// (typed, then another typed, or Back pressed, before it came) would otherwise land last and show
// rows for a query the URL no longer holds.
import React from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiClient, useNotice, type ListActionResponse, type RecordJSON } from 'adminjs';

/** AdminJS adds `refresh=true` to make a list read again after an action; like useRecords, it is dropped and the list read. */
const REFRESH_PARAM = 'refresh';

export interface ListRecords {
  records: RecordJSON[];
  loading: boolean;
  page: number;
  perPage: number;
  total: number;
  direction: 'asc' | 'desc';
  sortBy?: string;
  /** Reads the list again (after an action performed on a row). */
  fetchData: () => void;
}

type ListState = Omit<ListRecords, 'fetchData'>;

const NOTHING_YET: ListState = { records: [], loading: true, page: 1, perPage: 10, total: 0, direction: 'desc' };

export function useListRecords(resourceId: string): ListRecords {
  const location = useLocation();
  const navigate = useNavigate();
  const addNotice = useNotice();
  const [state, setState] = React.useState<ListState>(NOTHING_YET);
  // Numbers each read; an answer is shown only if no read started after it.
  const latest = React.useRef(0);

  const fetchData = React.useCallback(() => {
    const ticket = (latest.current += 1);
    setState((previous) => ({ ...previous, loading: true }));
    new ApiClient()
      .resourceAction({ resourceId, actionName: 'list', params: new URLSearchParams(location.search) })
      .then((response) => {
        if (ticket !== latest.current) return;
        const answer = response.data as ListActionResponse;
        if (answer.notice) addNotice(answer.notice);
        if (answer.redirectUrl) {
          navigate(answer.redirectUrl);
          return;
        }
        const { page, perPage, total, direction, sortBy } = answer.meta;
        setState({ records: answer.records, loading: false, page, perPage, total, direction, sortBy });
      })
      .catch(() => {
        if (ticket !== latest.current) return;
        setState((previous) => ({ ...previous, loading: false }));
        // AdminJS's own message key for a list that could not be read.
        addNotice({ message: 'errorFetchingRecords', type: 'error', resourceId });
      });
    // addNotice and navigate are new functions on every render: a read depends on the query alone.
  }, [resourceId, location.search]);

  React.useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (params.has(REFRESH_PARAM)) {
      params.delete(REFRESH_PARAM);
      navigate({ pathname: location.pathname, search: params.toString() }, { replace: true });
      return;
    }
    fetchData();
    // location.state: AdminJS navigates to the same address with a new state to make a list read again.
  }, [fetchData, location.state]);

  return { ...state, fetchData };
}
