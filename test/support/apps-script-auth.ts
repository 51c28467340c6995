// Apps Script's authorization modes, laid over the stand-in services. An Editor add-on's onOpen runs
// in AuthMode.NONE when the add-on is installed but not yet used in the open file: then every call
// to a service that needs authorization throws (the AuthMode reference and the Editor add-on
// authorization guide), and the add-on's menu silently fails to appear. Custom functions run in
// AuthMode.CUSTOM_FUNCTION: read-only spreadsheet information, no UI. These wrappers allow only
// what those modes allow and throw, as Apps Script does, on everything else, so a test fails as
// soon as the code reaches for something the mode does not give.

/** What each allowed method's result becomes: wrapped again (a builder) or passed as it is. */
type Allowed = Record<string, (result: unknown) => unknown>;

const asIs = (result: unknown) => result;

/** Every call refused so far, as "Service.method", for the tests to show. */
export interface Refusals {
  calls: string[];
}

function guard(kind: string, target: object, allowed: Allowed, refusals: Refusals): object {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const name = `${kind}.${prop}`;
      if (!(prop in allowed)) {
        return () => {
          refusals.calls.push(name);
          // The sentence Apps Script throws for a service call the authorization mode does not allow.
          throw new Error(`You do not have permission to call ${name}. Required permissions: authorization the add-on does not have in this mode.`);
        };
      }
      return (...args: unknown[]) => allowed[prop](Reflect.apply(value, t, args));
    },
  });
}

function menuBuilder(refusals: Refusals): (menu: unknown) => unknown {
  const wrap = (menu: unknown): unknown =>
    guard('Menu', menu as object, { addItem: wrap, addSeparator: wrap, addSubMenu: wrap, addToUi: asIs }, refusals);
  return wrap;
}

type Services = Record<string, object>;

function guardAll(services: Services, allowedPerService: Record<string, Allowed>, refusals: Refusals): Services {
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, guard(name, service, allowedPerService[name] ?? {}, refusals)]));
}

export interface NoneModeOptions {
  /**
   * Session.getActiveUserLocale names no scope in its reference, so AuthMode.NONE allows it; set
   * this to check that the menu still appears (in English) should a host refuse it.
   */
  refuseLocale?: boolean;
}

/** The services as an add-on's onOpen sees them in AuthMode.NONE: it may make its menu, nothing else. */
export function inAuthModeNone(services: Services, options: NoneModeOptions = {}): { services: Services; refusals: Refusals } {
  const refusals: Refusals = { calls: [] };
  const menu = menuBuilder(refusals);
  const ui = (u: unknown) => guard('Ui', u as object, { createAddonMenu: menu, createMenu: menu }, refusals);
  const session: Allowed = options.refuseLocale ? { getScriptTimeZone: asIs } : { getScriptTimeZone: asIs, getActiveUserLocale: asIs };
  return { services: guardAll(services, { SpreadsheetApp: { getUi: ui }, Session: session }, refusals), refusals };
}

/** The services as a custom function sees them (AuthMode.CUSTOM_FUNCTION): read-only facts of the spreadsheet, no UI. */
export function inCustomFunctionMode(services: Services): { services: Services; refusals: Refusals } {
  const refusals: Refusals = { calls: [] };
  const readOnly = (s: unknown) => guard('Spreadsheet', s as object, { getSpreadsheetTimeZone: asIs, getSpreadsheetLocale: asIs }, refusals);
  return {
    services: guardAll(
      services,
      {
        SpreadsheetApp: { getActive: readOnly, getActiveSpreadsheet: readOnly },
        Session: { getScriptTimeZone: asIs, getActiveUserLocale: asIs },
      },
      refusals,
    ),
    refusals,
  };
}
