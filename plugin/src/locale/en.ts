// English defaults for every text the audit plugin shows. The host merges this object into
// AdminJS's `locale.translations.en` (its own keys win) and may give any other language the same
// shape. Where the keys live, so AdminJS's translate functions find them:
//
// - `labels.AuditLog` / `labels.AuditDelivery`: the resources' names (menu, headings).
// - `actions.auditHistory` / `actions.actorActivity`: the record actions added to the host's
//   resources, so global rather than under one resource.
// - `messages.audit*`: sentences the server sends (notices, errors, the export route's answers);
//   the `audit` prefix keeps them apart from the host's own messages in the shared namespace.
// - `components.AuditLog.*`: every text of the plugin's React components (show page, export
//   page, relative time), read with `translateComponent('AuditLog.<key>')`.
// - `resources.AuditLog` / `resources.AuditDelivery`: property names, the resources' own action
//   labels, messages and value labels.
//
// `{{name}}` placeholders are filled by i18next from the options the caller passes.
import type { LocaleTranslations } from 'adminjs';
import { SEARCH_FILTER } from '../adminjs/audit-log-resource.js';

export const auditLocaleEn = {
  labels: {
    AuditLog: 'Audit Logs',
    AuditDelivery: 'Audit Deliveries',
  },
  actions: {
    auditHistory: 'Audit history',
    actorActivity: 'Activity by this user',
  },
  messages: {
    auditExportSignIn: 'Sign in to export the audit log.',
    auditExportForbidden: 'You are not allowed to export the audit log.',
    auditExportBadFormat: 'Unknown export format "{{format}}": use one of {{formats}}.',
    auditExportBadFilter: 'The export filters are not valid: {{reason}}',
    auditExportUnknownParameter: 'Unknown parameter "{{name}}": the export takes format, sortBy, direction and filters.<name>.',
    auditBadDateFilter: 'The date filter is not a valid date.',
    auditNotADate: 'is not a date',
    auditEntriesReadOnly: 'Audit entries are read-only.',
    auditNoRecordsSelected: 'No records were selected.',
    auditNotSavedFields: 'Not saved: please correct the highlighted fields.',
    auditNotSavedEntryFailed: 'Not saved: the audit entry for this change could not be written ({{reason}}). Nothing was changed.',
    auditAlreadyTaken: 'is already taken',
    auditNotSavedDuplicate: 'Not saved: a record with this value already exists.',
    auditNotSavedDuplicates: 'Not saved: a record with these values already exists.',
    auditNotSavedReference: 'Not saved: it refers to a record that does not exist, or other records still refer to it.',
    auditNotSavedRefusedValue: 'Not saved: the database refused a value ({{detail}}).',
    auditNotSavedRefusedChange: 'Not saved: the database refused the change ({{detail}}).',
    auditNotSavedUnknownFields: 'Not saved: none of the fields sent ({{fields}}) belong to {{resource}}.',
    auditRecordGone: '{{resource}} #{{id}} no longer exists.',
    auditNoAccount: '{{resource}} belongs to accounts, and this request has no current account: sign in again or pick an account.',
    auditNotSavedNotInForm: 'Not saved: {{fields}} cannot be set from this form.',
    auditNotAFormField: 'is not a field of this form: it cannot be set here.',
    // The sign-in form's message for an attempt over the throttle's limits (AdminJS has none).
    tooManyRequests: 'Too many sign-in attempts. Wait a few minutes and try again.',
    // Request checks
    // Malformed requests (plugin/src/express/request-checks.ts), answered 4xx before any resource
    // reads them. `{{name}}` and `{{value}}` arrive quoted; `{{bound}}` is `from` or `to`.
    auditQueryParamNameNul: 'A query parameter name contains a NUL byte.',
    auditFormParamNameNul: 'A form parameter name contains a NUL byte.',
    auditQueryParamNameTooLong: 'A query parameter name is longer than {{max}} characters.',
    auditFormParamNameTooLong: 'A form parameter name is longer than {{max}} characters.',
    auditQueryParamTooDeep: 'The query parameter {{name}} is nested more than {{max}} levels deep.',
    auditFormParamTooDeep: 'The form parameter {{name}} is nested more than {{max}} levels deep.',
    auditQueryParamPrototype: 'The query parameter {{name}} names __proto__, constructor or prototype: not accepted.',
    auditFormParamPrototype: 'The form parameter {{name}} names __proto__, constructor or prototype: not accepted.',
    auditQueryParamValueNul: 'The query parameter {{name}} contains a NUL byte.',
    auditFormParamValueNul: 'The form parameter {{name}} contains a NUL byte.',
    auditUnknownFilter: 'Unknown filter "{{filter}}" on {{resource}}.',
    auditUnknownFilterRange: 'Unknown filter "{{filter}}" on {{resource}}: a range is ~~from or ~~to.',
    auditFilterRepeated: 'The filter "{{filter}}" was given more than once or as an object.',
    auditFilterNotDate: 'The filter "{{filter}}" is not a date: {{value}}.',
    auditFilterNoBound: 'The filter "{{filter}}" is not a date, so it takes no {{bound}} bound.',
    auditFilterNotId: 'The filter "{{filter}}" is not a possible id: {{value}}.',
    auditFilterNotReferenceId: 'The filter "{{filter}}" is not a possible {{resource}} id: {{value}}.',
    auditFilterNotNumber: 'The filter "{{filter}}" is not a number: {{value}}.',
    auditFilterNotBoolean: 'The filter "{{filter}}" is not true or false: {{value}}.',
    auditFilterNotUuid: 'The filter "{{filter}}" is not a UUID: {{value}}.',
    auditFiltersShape: 'Filters are given as filters.<name>=<value>.',
    auditNotSortable: 'Cannot sort {{resource}} by {{field}}: not a sortable field.',
    auditBadDirection: 'The direction is asc or desc, not {{value}}.',
    auditBadPage: 'The page is a whole number from 1 to {{max}}, not {{value}}.',
    auditBadPerPage: 'perPage is a whole number from 1 to {{max}}, not {{value}}.',
    auditMalformedAddress: 'The address contains a NUL byte or a malformed escape.',
    auditNoSuchResource: 'There is no resource "{{resource}}".',
    auditNoResourceAction: '{{resource}} has no resource action "{{action}}".',
    auditNoRecordAction: '{{resource}} has no record action "{{action}}".',
    auditNoBulkAction: '{{resource}} has no bulk action "{{action}}".',
    auditNoSuchAddress: 'No such address.',
    auditNoSuchRecord: 'There is no {{resource}} record "{{id}}": not a possible id.',
    auditRecordIdsList: 'recordIds is one comma-separated list.',
    auditCrossSiteRefused: 'Refused: this address only answers requests from the admin panel itself.',
  },
  components: {
    AuditLog: {
      // BCP 47 tag for dates and numbers: a translation picks how its readers write them.
      intlLocale: 'en-GB',
      justNow: 'just now',
      emptyValue: '(empty)',
      maskedValue: 'masked',
      whoHeading: 'Who',
      actorName: 'Name',
      actorEmail: 'Email',
      actorRole: 'Role at the time',
      actorThatDay: 'Everything this actor did that day →',
      whenHeading: 'When',
      exactUtc: 'Exact (UTC)',
      whereHeading: 'Where',
      ip: 'IP address',
      // The User-Agent header: the browser or program the request came from.
      userAgent: 'Client',
      requestId: 'Request id',
      sameIp: 'Everything from this IP →',
      sameRequest: 'Everything in this request →',
      whatHeading: 'What',
      target: 'Target',
      targetGone: '(no longer exists)',
      targetTypeAndId: 'Type and id',
      targetReference: '{{type}} #{{id}}',
      changesHeading: 'Changes',
      changeField: 'Field',
      changeBefore: 'Before',
      changeAfter: 'After',
      noChanges: 'No field changes are recorded for this activity.',
      details: 'Details',
      exportTitle: 'Export audit entries',
      exportAll: 'No filter is active: the file holds every entry, newest first.',
      exportFiltered: 'The file holds the entries matching these filters, newest first:',
      exportCsv: 'CSV',
      exportJsonLines: 'JSON Lines',
      exportFileFormat: 'UTF-8 with a header row; cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.',
      exportRowLimit: 'At most {{maxRows}} rows per file.',
      exportRecorded: 'Every export is itself recorded in the audit log.',
      // Search bar
      // Above the list (AuditLogList.tsx): the same search as the filter drawer's search field.
      searchLabel: 'Search the audit log',
      searchPlaceholder: 'Search activity, actor, email or target, then press Enter',
      searchButton: 'Search',
      searchClear: 'Clear the search',
      // The button that opens the drawer of the other filters; {{count}}: how many are active.
      searchFilters: 'Filter',
      searchFiltersActive: 'Filter ({{count}})',
    },
  },
  resources: {
    AuditLog: {
      actions: { export: 'Export' },
      messages: {
        // Shown by the stock list when nothing matches: say what would be here.
        noRecordsInResource:
          'No audit entries match these filters. The log records sign-ins, sign-outs and refused sign-ins, every change made through this panel, and exports of this log.',
      },
      properties: {
        sentence: 'Activity',
        occurredAt: 'Time',
        ip: 'IP Address',
        actorName: 'Actor',
        actorEmail: 'Actor email',
        actorRole: 'Actor role',
        actorId: 'Actor',
        action: 'Action key',
        category: 'Category',
        targetType: 'Target type',
        targetId: 'Target id',
        targetLabel: 'Target',
        changesSummary: 'Changes',
        details: 'Details',
        userAgent: 'Client',
        requestId: 'Request id',
        accountId: 'Account id',
        id: 'Id',
        [SEARCH_FILTER]: 'Search (activity, actor, target)',
      },
    },
    AuditDelivery: {
      properties: {
        id: 'Id',
        entryId: 'Entry',
        eventId: 'Event id',
        sink: 'Sink',
        state: 'State',
        attempts: 'Attempts',
        lastError: 'Last error',
        nextAttemptAt: 'Next attempt',
        lastAttemptAt: 'Last attempt',
        deliveredAt: 'Delivered',
        leasedUntil: 'Reserved until',
        createdAt: 'Queued',
      },
      // AdminJS labels a value of a property with available values as `labels.<property>.<value>`.
      labels: {
        state: { pending: 'Pending', retrying: 'Retrying', delivered: 'Delivered' },
      },
    },
  },
} satisfies LocaleTranslations;

/** The plugin's English texts; a translation into another language has the same shape. */
export type AuditLocale = typeof auditLocaleEn;

/** Keys of the server-side messages (`messages.<key>`). */
export type AuditMessageKey = keyof AuditLocale['messages'];
