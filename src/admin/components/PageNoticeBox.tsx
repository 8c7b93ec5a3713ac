// The panel's notices (toasts), kept to the page they were given on and to the latest of them
// (registered with componentLoader.override('NoticeBox') in panel-overrides.ts; AdminJS's own box
// draws them).
//
// AdminJS keeps every notice in its store until it is closed (its 3-second timer never reaches its
// end), so notices piled up and followed the user from page to page. Here:
// - once the user is on another page, the notices of the page they left are dropped;
// - a new notice replaces the ones already shown ("You are now online." after "You are now busy.").
//
// Which page a notice belongs to is read once the code that gave it has finished: an action's
// result is given just before the panel follows the action's redirect (useActionResponseHandler
// adds the notice, then navigates, in one go), so it belongs to the page the action led to, is
// shown there, and leaves with it.
import React, { useEffect, useRef } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { useLocation } from 'react-router';
import type { ReduxState } from 'adminjs';

/** AdminJS's own flag for "reload the list", taken out of the address again once it has. */
const REFRESH_FLAG = 'refresh';

/** A page: its address, less the reload flag (the same list before and after reloading). */
function pageOf({ pathname, search }: { pathname: string; search: string }): string {
  const params = new URLSearchParams(search);
  params.delete(REFRESH_FLAG);
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

/** The store action AdminJS's close button dispatches (its store actions are not exported to components). */
const dropNotice = (noticeId: string) => ({ type: 'DROP_NOTICE', data: { noticeId } });

interface Props {
  /** AdminJS's own NoticeBox, given to every component that overrides it. */
  OriginalComponent?: React.ComponentType;
}

export default function PageNoticeBox({ OriginalComponent }: Props) {
  const notices = useSelector((state: ReduxState) => state.notices);
  const dispatch = useDispatch();
  const location = useLocation();
  /** Notice id → the page it belongs to (pageOf), for the notices seen so far. */
  const pageOfNotice = useRef(new Map<string, string>());

  useEffect(() => {
    // After the code that gave the notices has run, including a redirect it started.
    const timer = window.setTimeout(() => {
      const known = pageOfNotice.current;
      const current = new Set(notices.map((notice) => notice.id));
      for (const id of known.keys()) if (!current.has(id)) known.delete(id);
      const fresh = [...current].filter((id) => !known.has(id));
      if (fresh.length === 0) return;
      for (const id of known.keys()) dispatch(dropNotice(id));
      for (const id of fresh) known.set(id, pageOf(window.location));
    }, 0);
    return () => window.clearTimeout(timer);
  }, [notices, dispatch]);

  useEffect(() => {
    const here = pageOf(location);
    for (const { id } of notices) {
      const page = pageOfNotice.current.get(id);
      if (page !== undefined && page !== here) dispatch(dropNotice(id));
    }
    // Only when the page changes, with the notices as they are at that moment.
  }, [location.pathname, location.search]);

  return OriginalComponent ? <OriginalComponent /> : null;
}
