import { css } from 'lit';

export const inboxStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 320px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    /* The layout follows the inbox's own width (a phone, a sidebar), not the viewport's,
       through the narrow attribute (NarrowController): as a size container, every render
       that brought rows into view recalculated their style inside layout. */
  }
  .toolbar {
    display: grid;
    /* Not wider than the inbox: an auto column would grow to the search input's intrinsic
       width and push the page select out of a narrow inbox. */
    grid-template-columns: minmax(0, 1fr);
    gap: 8px;
    padding: 10px;
    border-bottom: 1px solid var(--_border);
  }
  .search {
    position: relative;
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .search > .icon {
    position: absolute;
    left: 10px;
    color: var(--_muted);
    pointer-events: none;
  }
  .search input {
    flex: 1;
    padding-left: 30px;
    border-radius: 999px;
    border-color: transparent;
    background: var(--_hover);
  }
  .search input:focus {
    border-color: var(--_accent);
    background: var(--_bg);
    outline: none;
  }
  .search select {
    max-width: 38%;
    border-radius: 999px;
  }
  .sound {
    flex: none;
    padding: 6px;
    border-radius: 50%;
  }
  .sound[aria-pressed='false'] {
    color: var(--_muted);
  }
  .sound.failed {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chips button {
    padding: 1px 10px;
    border-radius: 999px;
    font-size: 12px;
  }
  .segment {
    display: inline-flex;
  }
  .segment button {
    margin-left: -1px;
    border-radius: 0;
  }
  .segment button:first-child {
    margin-left: 0;
    border-radius: 999px 0 0 999px;
  }
  .segment button:last-child {
    border-radius: 0 999px 999px 0;
  }
  [aria-pressed='true'] {
    position: relative;
    border-color: var(--_accent);
    background: var(--_selected);
    color: var(--_accent);
  }
  .list {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overflow-anchor: none;
    overscroll-behavior: contain;
  }
  .list:focus-visible {
    outline-offset: -2px;
  }
  .spacer {
    position: relative;
    contain: strict;
  }
  .row,
  .skeleton {
    display: flex;
    gap: 10px;
    align-items: center;
    height: 72px;
    padding: 0 12px;
    border-bottom: 1px solid var(--_border);
  }
  .row {
    position: absolute;
    inset: 0 0 auto;
    /* Its size is fixed: a row whose text changed is laid out alone, the others not at all. */
    contain: strict;
    background: var(--_bg);
    cursor: pointer;
  }
  .row:hover {
    background: var(--_hover);
  }
  .row.selected {
    background: var(--_selected);
    box-shadow: inset 3px 0 var(--_accent);
  }
  .list:focus-visible .row.active {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .line {
    display: flex;
    align-items: center;
    gap: 6px;
    height: 19px;
    min-width: 0;
  }
  .name,
  .last,
  .code {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    flex: 1;
    font-weight: 600;
  }
  .time {
    flex: none;
    font-size: 12px;
    color: var(--_muted);
  }
  .kind {
    display: inline-flex;
    color: var(--_muted);
  }
  .last {
    flex: 1;
    color: var(--_muted);
  }
  .unread .last {
    color: var(--_fg);
    font-weight: 600;
  }
  .unread .time {
    color: var(--_accent);
    font-weight: 600;
  }
  .count {
    justify-content: center;
    min-width: 18px;
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  .meta {
    overflow: hidden;
    font-size: 12px;
    color: var(--_muted);
  }
  .meta .icon {
    width: 13px;
    height: 13px;
  }
  .order-ref {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-width: 0;
  }
  .code {
    color: var(--_fg);
    font-weight: 500;
  }
  .skeleton .avatar {
    --s: 44px;
  }
  .skeleton .avatar,
  .skeleton i {
    background: var(--_hover);
    animation: pulse 1.2s ease-in-out infinite;
  }
  .skeleton i {
    display: block;
    height: 10px;
    margin: 8px 0;
    border-radius: 5px;
    width: 70%;
  }
  .skeleton i + i {
    width: 45%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  .footer {
    position: absolute;
    inset: auto 0 0;
    padding: 10px;
    font-size: 12px;
    color: var(--_muted);
    text-align: center;
  }
  .banner {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 6px 12px;
    background: var(--_danger-soft);
  }
  .login {
    display: grid;
    gap: 12px;
    width: min(100% - 32px, 300px);
    margin: 32px auto;
  }
  .login label {
    display: grid;
    gap: 4px;
    font-size: 13px;
    color: var(--_muted);
  }
  .login .remember {
    display: flex;
    align-items: center;
    gap: 6px;
    color: inherit;
  }
  .login .error {
    margin: 0;
  }
  /* A phone or a narrow column (420 px or less): tighter padding; the chips wrap onto more
     lines. */
  :host([narrow]) .toolbar {
    padding: 8px;
    gap: 6px;
  }
  /* The search keeps most of the line; the page picker shows the start of its name. */
  :host([narrow]) .search select {
    max-width: 32%;
  }
  :host([narrow]) .row {
    gap: 8px;
    padding: 0 8px;
  }
`;
