import { css } from 'lit';

export const threadStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 360px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
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
    background: var(--_ok);
    border-color: var(--_ok);
    color: #fff;
  }
  .ok:hover {
    background: var(--_ok);
    filter: brightness(0.92);
  }
  .panel {
    max-height: 40%;
    overflow: auto;
    padding: 8px 12px;
    border-bottom: 1px solid var(--_border);
    background: #fafafa;
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
    background: #fef2f2;
  }
  .banner.ok {
    border: 0;
    border-radius: 0;
    background: #ecfdf3;
    color: #14532d;
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
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
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
    background: var(--_hover);
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
    background: var(--_accent);
    color: #fff;
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
    background: #f5f3ff;
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
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .composer {
    padding: 8px 12px;
    border-top: 1px solid var(--_border);
  }
  .warn {
    margin: 0 0 6px;
    padding: 6px 10px;
    border-radius: 6px;
    background: #fffbeb;
    color: #78350f;
    font-size: 13px;
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
  dialog {
    padding: 8px;
    border: 0;
    border-radius: var(--_radius);
    text-align: center;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  dialog img {
    display: block;
    max-width: 85vw;
    max-height: 80vh;
    margin-bottom: 8px;
  }
`;
