/**
 * A measured fast path of the compose stage (README, Performance): run each slide's layout with the set-up
 * Handlebars hands to partials, captured once per build, instead of letting every top-level call set
 * itself up. tests/unit/templates.test.ts holds the output and errors to plain Handlebars calls.
 */
import type Handlebars from 'handlebars';

/** The partial that hands over Handlebars' per-environment set-up, and the template that calls it. */
const CAPTURE = '__briefing_call_options';
export const CAPTURE_TEMPLATE = `{{> ${CAPTURE}}}`;

/**
 * Handlebars sets every top-level call up afresh: it merges and wraps every helper, and builds the
 * prototype-access rules and hooks (about 10 µs, some 10 ms of a 1,000-section build). A partial call
 * is handed that set-up by its caller instead. This captures it once, from a partial invoked by a
 * one-line template, so each slide's layout can run the way a partial does; `@root` is still the
 * slide's own context. Undefined (every call then sets itself up) if the capture does not work.
 */
export function sharedCallOptions(hb: typeof Handlebars, spec: Parameters<typeof Handlebars.template>[0] | undefined): Record<string, unknown> | undefined {
  let captured: Record<string, unknown> | undefined;
  hb.registerPartial(CAPTURE, ((_context: unknown, options: Record<string, unknown>) => {
    captured = options;
    return '';
  }) as unknown as Handlebars.Template);
  try {
    const driver = spec ? hb.template(spec) : typeof hb.compile === 'function' ? hb.compile(CAPTURE_TEMPLATE) : undefined;
    driver?.({});
  } catch {
    return undefined;
  }
  if (!captured?.helpers || !captured.hooks || !captured.protoAccessControl) return undefined;
  const { helpers, partials, decorators, hooks, protoAccessControl } = captured;
  return { helpers, partials, decorators, hooks, protoAccessControl, partial: true };
}

