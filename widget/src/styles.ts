/**
 * The widget's look, themed by the host page through CSS custom properties on the element (they inherit into the
 * Shadow DOM): `--rd-font`, `--rd-text`, `--rd-muted`, `--rd-background`, `--rd-surface`, `--rd-border`,
 * `--rd-accent`, `--rd-accent-text`, `--rd-focus`, `--rd-radius`. The defaults meet WCAG 2.2 AA: text 4.5:1 or more
 * on its background (`--rd-muted` #4b5563 on white 7.6:1, `--rd-accent` #0b5cad 6.5:1), borders and focus 3:1,
 * targets at least 24 × 24 px (2.5.8; here 40 px), a 2 px focus ring never hidden (2.4.11), no motion under
 * prefers-reduced-motion.
 */
import { css } from "lit";

export const styles = css`
  :host {
    --_font: var(--rd-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    --_text: var(--rd-text, #1b1f24);
    --_muted: var(--rd-muted, #4b5563);
    --_background: var(--rd-background, #ffffff);
    --_surface: var(--rd-surface, #f4f6f8);
    --_border: var(--rd-border, #6b7280);
    --_accent: var(--rd-accent, #0b5cad);
    --_accent-text: var(--rd-accent-text, #ffffff);
    --_focus: var(--rd-focus, #0b5cad);
    --_radius: var(--rd-radius, 8px);
    display: block;
    font-family: var(--_font);
    font-size: 1rem;
    line-height: 1.5;
    color: var(--_text);
    background: var(--_background);
    max-width: 48rem;
  }
  [hidden] {
    display: none !important;
  }
  .box {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1.25rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
  }
  h2 {
    font-size: 1.375rem;
    margin: 0;
  }
  h3 {
    font-size: 1.125rem;
    margin: 1.25rem 0 0.5rem;
  }
  p {
    margin: 0.5rem 0;
  }
  .muted {
    color: var(--_muted);
  }
  button,
  .button {
    font: inherit;
    min-height: 40px;
    min-width: 40px;
    padding: 0.375rem 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    white-space: nowrap;
  }
  button.secondary,
  .share a {
    background: var(--_background);
    color: var(--_accent);
  }
  button[aria-disabled="true"] {
    background: var(--_surface);
    border-color: var(--_border);
    color: var(--_muted);
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  input {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    min-height: 40px;
    box-sizing: border-box;
    width: 100%;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.75rem 0 0.25rem;
  }
  .link-row {
    display: flex;
    gap: 0.5rem;
    align-items: stretch;
  }
  .link-row input {
    flex: 1 1 auto;
    min-width: 0;
  }
  .link-row button {
    flex: 0 0 auto;
  }
  .top {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 1rem;
    align-items: start;
  }
  .qr {
    margin: 0;
    width: 132px;
  }
  .qr svg {
    width: 132px;
    height: 132px;
    display: block;
    background: #ffffff;
  }
  .share {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    padding: 0;
    margin: 0.75rem 0 0;
  }
  .share li {
    display: flex;
  }
  .share a {
    box-sizing: border-box;
    font-size: 0.9375rem;
    min-height: 40px;
    padding: 0.375rem 0.75rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    display: inline-flex;
    align-items: center;
    text-decoration: none;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 0.75rem;
    margin: 1rem 0 0;
  }
  .stat {
    display: flex;
    flex-direction: column-reverse;
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 0.75rem;
    margin: 0;
  }
  .stat dd {
    font-size: 1.75rem;
    font-weight: 700;
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .stat dt {
    color: var(--_muted);
  }
  .stat.changed {
    animation: rd-flash 1.2s ease-out;
  }
  @keyframes rd-flash {
    from {
      box-shadow: 0 0 0 3px var(--_accent);
    }
    to {
      box-shadow: 0 0 0 0 transparent;
    }
  }
  [role="tablist"] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-top: 1.5rem;
    border-bottom: 1px solid var(--_border);
  }
  [role="tab"] {
    background: var(--_background);
    color: var(--_text);
    border: 1px solid transparent;
    border-bottom: none;
    border-radius: var(--_radius) var(--_radius) 0 0;
  }
  [role="tab"][aria-selected="true"] {
    border-color: var(--_border);
    font-weight: 700;
    box-shadow: inset 0 -3px 0 var(--_accent);
  }
  [role="tabpanel"] {
    padding: 0.75rem 0 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--_border);
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0.5rem 0 0;
    display: flex;
    gap: 1rem;
    flex-wrap: wrap;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  fieldset label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    margin: 0;
    font-weight: 400;
    min-height: 40px;
  }
  fieldset input {
    width: 24px;
    height: 24px;
    min-height: 24px;
  }
  form button {
    margin-top: 0.75rem;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  .figures div {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
  }
  .figures dt {
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .figures dd {
    margin: 0;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .notice {
    border-inline-start: 4px solid var(--_accent);
    padding: 0.25rem 0.75rem;
  }
  .notice.problem {
    border-inline-start-color: #b3261e;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (max-width: 32rem) {
    .top {
      grid-template-columns: 1fr;
    }
    .stats {
      grid-template-columns: 1fr;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    .stat.changed {
      animation: none !important;
      transition: none !important;
    }
  }
`;
