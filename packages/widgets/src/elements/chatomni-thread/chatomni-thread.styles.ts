import { css } from 'lit';

/** The open conversation (the element's own `:host` rule is in chatomni-thread.ts). */
export const threadStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 10px;
    padding: 10px 12px;
    border-bottom: 1px solid var(--_border);
  }
  .who {
    flex: 1;
    min-width: 140px;
  }
  .name {
    display: block;
    font-size: 15px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badges,
  .actions,
  .order-ref,
  .phone,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .badges {
    margin-top: 2px;
    font-size: 12px;
    color: var(--_muted);
  }
  .code {
    color: var(--_fg);
    font-weight: 500;
  }
  .ok {
    background: var(--_success);
    border-color: var(--_success);
    color: var(--_success-fg);
  }
  .ok:hover {
    background: var(--_success);
    filter: brightness(0.92);
  }
  /* Everything under the header: the panel covers it on a phone. */
  .body {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  .panel {
    max-height: 40%;
    overflow: auto;
    padding: 8px 12px;
    border-bottom: 1px solid var(--_border);
    background: var(--_panel);
  }
  .panel:focus {
    outline: none;
  }
  .panel-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    margin-bottom: 6px;
    font-size: 13px;
  }
  .info {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 12px;
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .muted,
  .older {
    color: var(--_muted);
  }
  .templates {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .templates button {
    display: grid;
    width: 100%;
    text-align: left;
    white-space: normal;
  }
  .templates .muted {
    font-size: 12px;
  }
  .banner {
    display: flex;
    justify-content: space-between;
    align-items: center;
    padding: 6px 12px;
    background: var(--_danger-soft);
  }
  .banner.ok {
    border: 0;
    border-radius: 0;
    background: var(--_success-soft);
    color: var(--_fg);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-size: 12px;
  }
  .link:hover {
    background: none;
    text-decoration: underline;
  }
  .log-wrap {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  .log {
    position: absolute;
    inset: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .content {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px;
  }
  .older {
    position: absolute;
    top: 8px;
    left: 50%;
    transform: translateX(-50%);
    margin: 0;
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--_bg);
    box-shadow: 0 1px 4px var(--_shadow);
    font-size: 12px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 80%;
  }
  .msg.out {
    align-self: flex-end;
    align-items: flex-end;
  }
  .msg.hidden > .bubble {
    opacity: 0.55;
  }
  .bubble {
    display: grid;
    gap: 6px;
    padding: 7px 11px;
    border-radius: 16px;
    background: var(--_bubble-in);
    overflow-wrap: anywhere;
  }
  .text {
    white-space: pre-wrap;
  }
  .comment > .bubble {
    border: 1px solid var(--_border);
    border-radius: 4px 16px 16px;
    background: var(--_bg);
  }
  .out > .bubble {
    background: var(--_bubble-out);
    color: var(--_bubble-out-fg);
  }
  .out > .bubble a {
    color: inherit;
  }
  .meta {
    gap: 4px;
    margin-top: 2px;
    font-size: 11px;
    color: var(--_muted);
  }
  .meta .icon {
    width: 12px;
    height: 12px;
  }
  .hidden-label {
    background: var(--_hover);
    color: var(--_fg);
    font-size: 11px;
  }
  .replies {
    display: grid;
    gap: 6px;
    margin: 6px 0 0 14px;
    padding-left: 10px;
    border-left: 2px solid var(--_border);
  }
  .replies .msg {
    max-width: 100%;
  }
  .post {
    display: flex;
    gap: 6px;
    align-self: stretch;
    margin-top: 4px;
    padding: 6px 10px;
    border-radius: 6px;
    background: var(--_post);
    font-size: 12px;
  }
  .post-text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .att-image {
    padding: 0;
    border: 0;
    background: none;
  }
  .att-image img,
  video {
    display: block;
    max-width: min(240px, 100%);
    max-height: 240px;
    border-radius: 10px;
  }
  .broken {
    display: grid;
    place-items: center;
    width: 120px;
    height: 90px;
    border-radius: 10px;
    background: var(--_border);
    color: var(--_muted);
  }
  .broken::after {
    content: attr(data-label);
    font-size: 12px;
  }
  .broken img {
    display: none;
  }
  .sticker {
    width: 96px;
    height: 96px;
    object-fit: contain;
  }
  .att-file {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: inherit;
  }
  .invalid {
    font-style: italic;
    opacity: 0.8;
  }
  .reply-box {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 6px;
  }
  .reply-box input {
    flex: 1;
    min-width: 160px;
  }
  .pill {
    position: absolute;
    bottom: 12px;
    left: 50%;
    transform: translateX(-50%);
    border-radius: 999px;
    box-shadow: 0 2px 8px var(--_shadow);
  }
  .composer {
    padding: 8px 12px;
    border-top: 1px solid var(--_border);
  }
  .compose-row {
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    max-height: 120px;
    resize: vertical;
  }
  .lightbox {
    padding: 8px;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    text-align: center;
  }
  .lightbox::backdrop {
    background: var(--_backdrop);
  }
  .lightbox img {
    display: block;
    max-width: 85vw;
    max-height: 80vh;
    margin-bottom: 8px;
  }
  /* A phone: the buttons get a line of their own, the panel covers the messages. */
  @container (max-width: 480px) {
    header {
      gap: 8px;
      padding: 8px 10px;
    }
    .actions {
      flex: 1 0 100%;
      flex-wrap: nowrap;
      gap: 6px;
    }
    /* Three buttons on one line down to 320px: the words stay, the leading icons go. */
    .actions button {
      flex: 1 1 auto;
      justify-content: center;
      gap: 4px;
      padding: 5px 6px;
      font-size: 13px;
    }
    .actions .lead {
      display: none;
    }
    .panel {
      position: absolute;
      inset: 0;
      z-index: 2;
      max-height: none;
      border-bottom: 0;
    }
    .content {
      padding: 10px 8px;
    }
    .msg {
      max-width: 88%;
    }
    .composer {
      padding: 6px 8px;
    }
  }
`;
