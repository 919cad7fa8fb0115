import { css } from 'lit';

/**
 * Sending in the thread: the composer's attachment preview, counter and refusals, the
 * outgoing bubbles and their status line, and the "Nhắn riêng" box and button.
 */
export const sendStyles = css`
  .composer-error {
    margin: 0 0 6px;
    font-size: 13px;
  }
  .attachment {
    position: relative;
    display: inline-block;
    margin: 0 0 6px;
  }
  .attachment img {
    display: block;
    max-width: 160px;
    max-height: 120px;
    border: 1px solid var(--_border);
    border-radius: 8px;
  }
  .remove-image {
    position: absolute;
    top: -8px;
    right: -8px;
    width: 22px;
    height: 22px;
    justify-content: center;
    padding: 0;
    border-radius: 50%;
    line-height: 1;
  }
  .attach {
    position: relative;
    display: inline-flex;
    align-items: center;
    align-self: stretch;
    padding: 0 8px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    color: var(--_muted);
    cursor: pointer;
  }
  .attach:hover {
    background: var(--_hover);
  }
  .attach:focus-within {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .attach .icon {
    width: 18px;
    height: 18px;
  }
  .counter {
    display: block;
    margin-top: 4px;
    font-size: 12px;
    color: var(--_muted);
    text-align: right;
  }
  .counter.error {
    color: var(--_danger);
  }
  .outgoing.sending > .bubble {
    opacity: 0.7;
  }
  .outgoing.failed > .bubble {
    opacity: 0.55;
  }
  .send-status.failed {
    color: var(--_danger);
    white-space: normal;
  }
  .meta:has(.send-status.failed) {
    max-width: 320px;
    justify-content: flex-end;
  }
  .reply-box.private .hint {
    flex-basis: 100%;
    margin: 0;
    font-size: 12px;
    color: var(--_muted);
  }
  .reply-box .error {
    flex-basis: 100%;
    margin: 0;
    font-size: 12px;
  }
  .link[aria-disabled='true'] {
    color: var(--_muted);
    cursor: not-allowed;
    text-decoration: none;
  }
`;
